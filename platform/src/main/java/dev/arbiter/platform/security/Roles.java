package dev.arbiter.platform.security;

/** The three roles a token can carry, as JWT {@code groups}. */
public final class Roles {
    public static final String EXPERT = "EXPERT";
    public static final String LAB = "LAB";
    public static final String ADMIN = "ADMIN";

    /** The claim that names a lab member's organization. */
    public static final String ORGANIZATION_CLAIM = "org";

    private Roles() {
    }
}

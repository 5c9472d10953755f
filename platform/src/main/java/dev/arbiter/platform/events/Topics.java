package dev.arbiter.platform.events;

/** Topic names, one per producing service and stream: {@code <service>.<stream>.v1}. */
public final class Topics {
    public static final String ACCOUNTS = "marketplace.accounts.v1";
    public static final String QUALIFICATION = "qualification.events.v1";
    public static final String TASKS = "tasks.events.v1";
    public static final String PAYOUTS = "payouts.events.v1";

    private Topics() {
    }
}

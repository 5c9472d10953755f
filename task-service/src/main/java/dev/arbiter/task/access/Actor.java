package dev.arbiter.task.access;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import java.util.UUID;

/**
 * Who is asking, as the services need it: an immutable copy of the request-scoped {@link Caller},
 * safe to carry across the reactive chain and into worker threads.
 */
public record Actor(UUID id, boolean admin, boolean lab, boolean expert, UUID organizationId) {

    public static Actor of(Caller caller) {
        return new Actor(caller.id(), caller.isAdmin(), caller.is(Roles.LAB), caller.is(Roles.EXPERT),
                caller.organizationId().orElse(null));
    }

    /** Whether this actor may see and change a job of the given organization. */
    public boolean ownsOrganization(UUID organization) {
        return admin || (lab && organizationId != null && organizationId.equals(organization));
    }
}

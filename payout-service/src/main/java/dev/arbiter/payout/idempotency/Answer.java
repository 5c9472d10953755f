package dev.arbiter.payout.idempotency;

import java.net.URI;

/** What a money-moving request answers the first time: kept and given again for a retry with the same key. */
public record Answer(int status, Object body, URI location) {

    public static Answer created(Object body, URI location) {
        return new Answer(201, body, location);
    }

    public static Answer ok(Object body) {
        return new Answer(200, body, null);
    }
}

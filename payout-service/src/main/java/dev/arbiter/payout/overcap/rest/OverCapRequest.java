package dev.arbiter.payout.overcap.rest;

/** An admin's decision on a session's time beyond its cap, with a written reason (1 to 1000 characters). */
public record OverCapRequest(Boolean approve, String reason) {
}

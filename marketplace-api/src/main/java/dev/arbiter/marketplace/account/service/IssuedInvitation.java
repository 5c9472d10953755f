package dev.arbiter.marketplace.account.service;

import java.time.Instant;
import java.util.UUID;

/** A one-time invitation code, shown once to the lab member who asked for it (only its digest is stored). */
public record IssuedInvitation(String code, UUID organizationId, Instant expiresAt) {
}

package dev.arbiter.marketplace.account.service;

import java.time.Instant;

/**
 * What a login or refresh hands back: a signed access token and a fresh opaque refresh token, which works
 * until {@code refreshExpiresAt} (never past the absolute end of its sign-in).
 */
public record IssuedTokens(String accessToken, String refreshToken, long expiresIn, Instant refreshExpiresAt) {
}

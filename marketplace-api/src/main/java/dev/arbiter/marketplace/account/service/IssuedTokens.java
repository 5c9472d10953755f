package dev.arbiter.marketplace.account.service;

/** What a login or refresh hands back: a signed access token and a fresh opaque refresh token. */
public record IssuedTokens(String accessToken, String refreshToken, long expiresIn) {
}

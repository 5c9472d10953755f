package dev.arbiter.marketplace.account.service;

import dev.arbiter.marketplace.account.model.Role;

/** Someone asking for an account: an expert, or a lab member founding or joining an organization. */
public record Registration(String email, String password, String displayName, Role role, String organization,
                           String invitationCode) {
}

package dev.arbiter.marketplace.account.model;

public enum Role {
    EXPERT, LAB, ADMIN
}

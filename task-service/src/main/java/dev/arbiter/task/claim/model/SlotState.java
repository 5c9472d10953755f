package dev.arbiter.task.claim.model;

/**
 * One judgment an item needs ({@code item_slot.state}). OPEN slots are claimable; LEASED ones are
 * claimable again once their lease expired; DONE ones hold a submitted judgment.
 */
public enum SlotState {
    OPEN, LEASED, DONE
}

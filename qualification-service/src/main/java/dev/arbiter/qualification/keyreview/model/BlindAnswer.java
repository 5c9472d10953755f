package dev.arbiter.qualification.keyreview.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A reviewer's answer to a question before seeing its key: the first step of a review. One per
 * reviewer and question (the database refuses a second); the verdict on the key may follow it.
 */
@Entity
@Table(name = "blind_answer")
public class BlindAnswer {

    @Id
    public UUID id;

    @Column(name = "question_id")
    public UUID questionId;

    @Column(name = "reviewer_id")
    public UUID reviewerId;

    public String answer;

    /** Whether the answer reaches the key (deterministic answer types); null for FREE_FORM, which a person judges. */
    public Boolean agrees;

    @Column(name = "created_at")
    public Instant createdAt;
}

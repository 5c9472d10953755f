package dev.arbiter.qualification.keyreview.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A peer's review of a question's answer key: a blind answer, then three judgments. (The table kept
 * its first name, {@code review}: renaming it would be a migration for a word.)
 */
@Entity
@Table(name = "review")
public class AnswerKeyReview {

    @Id
    public UUID id;

    @Column(name = "question_id")
    public UUID questionId;

    @Column(name = "reviewer_id")
    public UUID reviewerId;

    @Column(name = "reviewer_admin")
    public boolean reviewerAdmin;

    @Column(name = "blind_answer")
    public String blindAnswer;

    /** Whether the blind answer matches the key (deterministic answer types only). */
    @Column(name = "blind_agrees")
    public Boolean blindAgrees;

    @Column(name = "reference_correct")
    public boolean referenceCorrect;

    public boolean unambiguous;

    @Column(name = "expert_level")
    public boolean expertLevel;

    public String comment;

    @Column(name = "created_at")
    public Instant createdAt;

    public boolean approves() {
        return referenceCorrect && unambiguous && expertLevel;
    }
}

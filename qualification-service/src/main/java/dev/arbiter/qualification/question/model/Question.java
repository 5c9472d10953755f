package dev.arbiter.qualification.question.model;

import dev.arbiter.qualification.grading.AnswerType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "question")
public class Question {

    @Id
    public UUID id;

    @Column(name = "author_id")
    public UUID authorId;

    public String domain;

    public String prompt;

    @Enumerated(EnumType.STRING)
    @Column(name = "answer_type")
    public AnswerType answerType;

    @Column(name = "reference_answer")
    public String referenceAnswer;

    /** Options of a MULTIPLE_CHOICE question as a JSON array. */
    @Column(name = "options_json")
    public String optionsJson;

    public BigDecimal tolerance;

    public String rubric;

    public String rationale;

    @Enumerated(EnumType.STRING)
    public QuestionStatus status;

    public int failures;

    @Column(name = "min_failures")
    public int minFailures;

    @Column(name = "evaluation_rounds")
    public int evaluationRounds;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "next_evaluation_at")
    public Instant nextEvaluationAt;

    @Column(name = "duplicate_of")
    public UUID duplicateOf;

    public Double similarity;

    /** What the question cost in panel calls when submitted (an expert's daily budget counts them). */
    @Column(name = "panel_calls")
    public int panelCalls;

    /** Fingerprint for near-duplicate lookups: content words ({@code QuestionSimilarity.Fingerprint#lookupKey}). */
    @Column(name = "similarity_key")
    public String similarityKey;

    /** Fingerprint for near-duplicate lookups: the prompt's numbers. */
    @Column(name = "number_key")
    public String numberKey;

    /** Fingerprint for near-duplicate lookups: the MinHash band keys ({@code DuplicateBands}), empty without content words. */
    @Column(name = "duplicate_bands")
    public long[] duplicateBands;

    /**
     * Who wrote the question this one duplicates (not stored): an author is told which earlier question
     * only when it is their own.
     */
    @Transient
    public UUID duplicateOfAuthorId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;
}

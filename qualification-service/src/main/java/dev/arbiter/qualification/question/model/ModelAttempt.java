package dev.arbiter.qualification.question.model;

import dev.arbiter.qualification.grading.Verdict;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One model's answer in one evaluation round, with its verdict, latency and error. */
@Entity
@Table(name = "model_attempt")
public class ModelAttempt {

    @Id
    public UUID id;

    @Column(name = "question_id")
    public UUID questionId;

    public int round;

    /** Part of the latest round (the one the question's verdict rests on). */
    @Column(name = "current")
    public boolean latest;

    public String model;

    public String answer;

    @Enumerated(EnumType.STRING)
    public Verdict verdict;

    /** A judge verdict below the confidence threshold, waiting for a person. */
    public boolean uncertain;

    public Double confidence;

    public String reasoning;

    @Column(name = "latency_ms")
    public long latencyMs;

    public String error;

    /** The admin who graded an uncertain answer by hand. */
    @Column(name = "graded_by")
    public UUID gradedBy;

    @Column(name = "created_at")
    public Instant createdAt;
}

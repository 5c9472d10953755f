package dev.arbiter.qualification.standing.model;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The latest quality facts task-service measured for an expert in a domain. */
@Entity
@Table(name = "expert_quality")
@IdClass(ExpertDomainKey.class)
public class QualityFacts {

    @Id
    @Column(name = "expert_id")
    public UUID expertId;

    @Id
    public String domain;

    @Column(name = "quality_score")
    public double qualityScore;

    @Column(name = "gold_accuracy")
    public Double goldAccuracy;

    @Column(name = "consensus_agreement")
    public Double consensusAgreement;

    @Column(name = "acceptance_rate")
    public Double acceptanceRate;

    @Column(name = "decided_judgments")
    public int decidedJudgments;

    @Column(name = "measured_at")
    public Instant measuredAt;
}

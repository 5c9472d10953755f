package dev.arbiter.task.eligibility.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A domain an expert is qualified in, at a tier; it decides which jobs they may claim. */
@Entity
@Table(name = "expert_domain")
@IdClass(ExpertDomain.Key.class)
public class ExpertDomain {

    @Id
    @Column(name = "expert_id")
    public UUID expertId;

    @Id
    public String domain;

    public int tier;

    public String source;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public UUID expertId;
        public String domain;

        public Key() {
        }

        public Key(UUID expertId, String domain) {
            this.expertId = expertId;
            this.domain = domain;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(expertId, k.expertId) && Objects.equals(domain, k.domain);
        }

        @Override
        public int hashCode() {
            return Objects.hash(expertId, domain);
        }
    }
}

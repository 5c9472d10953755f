package dev.arbiter.qualification.grant.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An expert's current qualification in a domain. */
@Entity
@Table(name = "qualification")
@IdClass(Qualification.Key.class)
public class Qualification {

    @Id
    @Column(name = "expert_id")
    public UUID expertId;

    @Id
    public String domain;

    public int tier;

    /** EVIDENCE (earned with stumping questions) or ADMIN_GRANT. */
    public String source;

    @Column(name = "qualified_at")
    public Instant qualifiedAt;

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

package dev.arbiter.platform.persistence;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of anything held per expert and domain (a qualification, a tier): the
 * {@code @IdClass} of entities whose id fields are {@code expertId} and {@code domain}.
 */
public class ExpertDomainKey implements Serializable {

    public UUID expertId;
    public String domain;

    public ExpertDomainKey() {
    }

    public ExpertDomainKey(UUID expertId, String domain) {
        this.expertId = expertId;
        this.domain = domain;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpertDomainKey k && Objects.equals(expertId, k.expertId) && Objects.equals(domain, k.domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expertId, domain);
    }
}

package dev.arbiter.qualification.expert.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "known_expert")
public class KnownExpert {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "registered_at")
    public Instant registeredAt;
}

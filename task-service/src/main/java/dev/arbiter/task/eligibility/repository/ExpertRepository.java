package dev.arbiter.task.eligibility.repository;

import dev.arbiter.task.eligibility.model.Expert;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ExpertRepository implements PanacheRepositoryBase<Expert, UUID> {
}

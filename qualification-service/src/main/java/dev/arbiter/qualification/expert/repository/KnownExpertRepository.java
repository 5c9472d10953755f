package dev.arbiter.qualification.expert.repository;

import dev.arbiter.qualification.expert.model.KnownExpert;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.UUID;

@ApplicationScoped
public class KnownExpertRepository implements PanacheRepositoryBase<KnownExpert, UUID> {

    /** New experts are inserted; a placeholder (no name yet) takes the name; a named expert stays as is. */
    private static final String RECORD_ALL = "insert into known_expert (id, display_name, registered_at) "
            + "select r.id, r.display_name, r.registered_at from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) "
            + "as r(id uuid, display_name text, registered_at timestamptz) "
            + "on conflict (id) do update set display_name = excluded.display_name where known_expert.display_name = ''";

    /** Records registered experts (each id once) in one statement, in the caller's transaction. */
    public Uni<Void> recordAll(Collection<KnownExpert> registered) {
        JsonArray rows = new JsonArray();
        for (KnownExpert expert : registered) {
            rows.add(new JsonObject().put("id", expert.id.toString()).put("display_name", expert.displayName)
                    .put("registered_at", expert.registeredAt.toString()));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD_ALL)
                .setParameter(1, rows.encode()).executeUpdate()).replaceWithVoid();
    }
}

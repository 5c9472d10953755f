package dev.arbiter.platform.events;

import dev.arbiter.proto.common.v1.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A follower's copy of experts' standings (task-service's {@code expert_domain}, marketplace-api's
 * {@code expert_qualification}: expert_id, domain, tier, source, version, updated_at), kept from {@code ExpertQualified}
 * and {@code QualificationRevoked} events in one statement however many there are: per expert and domain the event
 * {@link StandingVersion#latest} leaves, upserted only where it {@link StandingVersion#supersedes} the version held.
 * A revocation leaves a tombstone (no tier, no source, the version kept), so an older grant arriving later cannot undo
 * it. Events not from the standings' owner are skipped (and logged).
 */
public final class StandingRows {

    private StandingRows() {
    }

    /** Applies the events (one, or a run of a poll) to {@code table}, in the caller's transaction. */
    public static Uni<Void> apply(String table, List<EventEnvelope> events) {
        List<Standing> standings = new ArrayList<>(events.size());
        for (EventEnvelope envelope : events) {
            if (!StandingVersion.fromOwner(envelope)) {
                continue;
            }
            switch (envelope.getPayloadCase()) {
                case EXPERT_QUALIFIED -> {
                    var e = envelope.getExpertQualified();
                    standings.add(new Standing(e.getExpertId(), e.getDomain(), e.getTierValue(), e.getSource().name(),
                            e.getVersion()));
                }
                case QUALIFICATION_REVOKED -> {
                    var e = envelope.getQualificationRevoked();
                    standings.add(new Standing(e.getExpertId(), e.getDomain(), null, null, e.getVersion()));
                }
                default -> throw new IllegalArgumentException("not a standing event: " + envelope.getPayloadCase());
            }
        }
        if (standings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonArray rows = new JsonArray();
        for (Standing s : StandingVersion.latest(standings, s -> s.expertId() + "/" + s.domain(), Standing::version)) {
            rows.add(new JsonObject().put("expert_id", s.expertId()).put("domain", s.domain()).put("tier", s.tier())
                    .put("source", s.source()).put("version", s.version()));
        }
        String sql = "insert into " + table + " as held (expert_id, domain, tier, source, version, updated_at) "
                + "select r.expert_id, r.domain, r.tier, r.source, r.version, now() from jsonb_to_recordset(cast(cast(?1 "
                + "as text) as jsonb)) as r(expert_id uuid, domain text, tier int, source text, version bigint) "
                + "on conflict (expert_id, domain) do update set tier = excluded.tier, source = excluded.source, "
                + "version = excluded.version, updated_at = excluded.updated_at "
                // StandingVersion.supersedes, against the version held
                + "where excluded.version > held.version or (excluded.version = 0 and held.version = 0)";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).setParameter(1, rows.encode())
                .executeUpdate()).replaceWithVoid();
    }

    private record Standing(String expertId, String domain, Integer tier, String source, long version) {
    }
}

package dev.arbiter.task.session.repository;

import dev.arbiter.task.db.Sql;
import dev.arbiter.task.session.SessionOrigin;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.signal.ReadingTime;
import dev.arbiter.task.session.signal.SessionEvidence;
import dev.arbiter.task.session.signal.SessionEvidence.PastReach;
import dev.arbiter.task.session.signal.SessionEvidence.PastReading;
import dev.arbiter.task.session.signal.SessionEvidence.PeerSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL that gathers what a session's signals are computed from, beyond its own log: where its
 * batches came from, the item and job it worked on with what was submitted, the other experts seen on
 * the same device or address, the other experts' texts on the same item, the expert's own recent texts on
 * other items and the reading and references their recent sessions stored. All reads are bounded.
 */
@ApplicationScoped
public class SessionEvidenceRepository {

    /**
     * The job, task, item and judgment behind a session. For a review session the task and item are the
     * reviewed judgment's, {@code reviewStrengths}/{@code reviewIssues} the reviewer's last decision on it
     * and {@code domainTier} the reviewer's tier in the job's domain (0 when they hold none).
     */
    public record WorkContext(UUID organizationId, String domain, long hourlyRateMinor, String currency,
                              int expectedMinutesPerItem, UUID taskId, int taskExpertTier, String responseOrderJson,
                              UUID itemId, String prompt, String responsesJson, UUID judgmentId, String rationalesJson,
                              String critiquesJson, String overallRationale, String reviewStrengths, String reviewIssues,
                              int domainTier) {
    }

    /** Another expert's judgment on the same item: their rationales (JSON) and overall rationale. */
    public record PeerJudgment(UUID sessionId, UUID expertId, String rationalesJson, String overallRationale) {
    }

    /** One of the expert's own judgments on another item, with the claim session it was written in. */
    public record OwnJudgment(UUID sessionId, UUID itemId, String rationalesJson, String overallRationale) {
    }

    /**
     * The expert's latest claim sessions within the window (index {@code work_session_of_expert}, walked
     * newest first and stopped at the limit), each with its task's judgment (unique by task): one row per
     * judgment, since a task has one claim session.
     */
    private static final String OWN_JUDGMENTS = "select ws.id as session_id, jd.item_id, jd.rationales::text as rationales, "
            + "jd.overall_rationale from work_session ws join judgment jd on jd.task_id = ws.task_id "
            + "where ws.expert_id = $1 and ws.kind = " + Sql.is(SessionKind.CLAIM) + " "
            + "and ws.opened_at > now() - make_interval(secs => $3) and ws.id <> $4 and jd.item_id <> $2 "
            + "order by ws.opened_at desc limit $5";

    /**
     * For each expert of a group, their latest finalised claim sessions within the window, newest first, at most
     * {@code $3} each, with the reading share their {@code reading_time} stored and how deep their text referred
     * into the responses (V17; null for sessions finalised before) and how well they read before the first text
     * (V18, the same): the index {@code work_session_of_expert} walked
     * newest first per expert and stopped at the limit, the share read from the {@code signals} the session already
     * holds (nothing stored twice). One query for a whole group.
     */
    private static final String EXPERT_RECORDS = "select e.expert_id, h.id, h.share, h.reference_reach_words, "
            + "h.longest_response_words, h.first_read_share from unnest($1::uuid[]) as e(expert_id) "
            + "cross join lateral (select ws.id, ws.reference_reach_words, ws.longest_response_words, ws.first_read_share, "
            + "(select (s ->> 'value')::float8 from jsonb_array_elements(ws.signals) s "
            + "where s ->> 'name' = '" + ReadingTime.NAME + "' limit 1) as share from work_session ws "
            + "where ws.expert_id = e.expert_id and ws.kind = " + Sql.is(SessionKind.CLAIM) + " and ws.signals is not null "
            + "and ws.opened_at > now() - make_interval(secs => $2) order by ws.opened_at desc limit $3) h";

    private static final String CONTEXT = """
            select j.organization_id, j.domain, j.hourly_rate_minor, j.currency, j.expected_minutes_per_item,
                   t.id as task_id, t.expert_tier, t.response_order::text as response_order, i.id as item_id, i.prompt,
                   i.responses::text as responses, jd.id as judgment_id, jd.rationales::text as rationales,
                   jd.critiques::text as critiques, jd.overall_rationale, rv.strengths, rv.issues,
                   coalesce((select d.tier from expert_domain d where d.expert_id = $3 and d.domain = j.domain), 0) as domain_tier
            from task t
            join job j on j.id = t.job_id
            join item i on i.id = t.item_id
            left join judgment jd on jd.task_id = t.id
            left join lateral (select r.strengths, r.issues from review r where r.judgment_id = jd.id and r.reviewer_id = $3
                               order by r.created_at desc limit 1) rv on true
            where t.id = coalesce($1, (select x.task_id from judgment x where x.id = $2))
            """;

    /**
     * Keeps the first device id and client address seen for the session: later ones never overwrite them
     * (a session that moves between devices shows as the first one; the log shows the rest of its story).
     */
    public Uni<Void> rememberOrigin(SqlClient tx, UUID sessionId, SessionOrigin origin) {
        if (!origin.known()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("update work_session set device_id = coalesce(device_id, $2), "
                        + "client_address = coalesce(client_address, $3) where id = $1 "
                        + "and ((device_id is null and $2::text is not null) or (client_address is null and $3::text is not null))")
                .execute(Tuple.of(sessionId, origin.deviceId(), origin.clientAddress())).replaceWithVoid();
    }

    /** The session's work: {@code taskId} for a claim or revision, {@code judgmentId} for a review. */
    public Uni<WorkContext> context(SqlClient client, UUID taskId, UUID judgmentId, UUID expertId) {
        return client.preparedQuery(CONTEXT).execute(Tuple.from(Arrays.asList(taskId, judgmentId, expertId))).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new WorkContext(r.getUUID("organization_id"), r.getString("domain"), r.getLong("hourly_rate_minor"),
                    r.getString("currency"), r.getInteger("expected_minutes_per_item"), r.getUUID("task_id"),
                    r.getInteger("expert_tier"), r.getString("response_order"), r.getUUID("item_id"), r.getString("prompt"),
                    r.getString("responses"), r.getUUID("judgment_id"), r.getString("rationales"), r.getString("critiques"),
                    r.getString("overall_rationale"), r.getString("strengths"), r.getString("issues"),
                    r.getInteger("domain_tier"));
        });
    }

    /**
     * Other experts' sessions opened within {@code window} on the same device or from the same address,
     * device matches first, at most {@code limit}.
     */
    public Uni<List<PeerSession>> sharers(SqlClient client, UUID expertId, String deviceId, String clientAddress,
                                          Duration window, int limit) {
        if (deviceId == null && clientAddress == null) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery("select id, expert_id, coalesce(device_id = $2, false) as same_device, "
                        + "coalesce(client_address = $3, false) as same_address from work_session "
                        + "where expert_id <> $1 and opened_at > now() - make_interval(secs => $4) "
                        + "and (device_id = $2 or client_address = $3) "
                        + "order by coalesce(device_id = $2, false) desc, opened_at desc limit $5")
                .execute(Tuple.from(Arrays.asList(expertId, deviceId, clientAddress, (double) window.toSeconds(), limit)))
                .map(rows -> {
                    List<PeerSession> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new PeerSession(r.getUUID("id"), r.getUUID("expert_id"),
                            r.getBoolean("same_device"), r.getBoolean("same_address"))));
                    return out;
                });
    }

    /** Up to {@code limit} judgments of other experts on the item, oldest first, with the session each was written in. */
    public Uni<List<PeerJudgment>> peerJudgments(SqlClient client, UUID itemId, UUID expertId, int limit) {
        return client.preparedQuery("select jd.expert_id, jd.rationales::text as rationales, jd.overall_rationale, "
                        + WorkSessionRepository.latestOfTask("jd.task_id") + " as session_id "
                        + "from judgment jd where jd.item_id = $1 and jd.expert_id <> $2 order by jd.submitted_at, jd.id limit $3")
                .execute(Tuple.of(itemId, expertId, limit)).map(rows -> {
                    List<PeerJudgment> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new PeerJudgment(r.getUUID("session_id"), r.getUUID("expert_id"),
                            r.getString("rationales"), r.getString("overall_rationale"))));
                    return out;
                });
    }

    /**
     * Up to {@code limit} of the expert's own judgments on items other than {@code itemId}, from claim
     * sessions opened within {@code window}, newest first; {@code sessionId} (the one being finalised) left out.
     */
    public Uni<List<OwnJudgment>> ownJudgments(SqlClient client, UUID expertId, UUID itemId, UUID sessionId, Duration window,
                                               int limit) {
        if (limit <= 0 || itemId == null) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery(OWN_JUDGMENTS)
                .execute(Tuple.from(Arrays.asList(expertId, itemId, (double) window.toSeconds(), sessionId, limit)))
                .map(rows -> {
                    List<OwnJudgment> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new OwnJudgment(r.getUUID("session_id"), r.getUUID("item_id"),
                            r.getString("rationales"), r.getString("overall_rationale"))));
                    return out;
                });
    }

    /** An expert's record across their recent claim sessions: what each one's reading and written text stored. */
    public record ExpertRecord(List<PastReading> reading, List<PastReach> references) {

        public static final ExpertRecord NONE = new ExpertRecord(List.of(), List.of());
    }

    /**
     * The records of {@code experts} (see {@link SessionEvidence#readingRecord()} and
     * {@link SessionEvidence#referenceRecord()}): each one's latest {@code limit} finalised claim sessions opened
     * within {@code window}, newest first, with the reading share and the reference reach each stored. One query
     * for all of them, so a finalising transaction of many sessions asks once. Sessions not finalised yet (those
     * being finalised now among them) have no signals and are not in it.
     */
    public Uni<Map<UUID, ExpertRecord>> expertRecords(SqlClient client, UUID[] experts, Duration window, int limit) {
        if (limit <= 0 || experts.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery(EXPERT_RECORDS)
                .execute(Tuple.of(experts, (double) window.toSeconds(), limit)).map(rows -> {
                    Map<UUID, ExpertRecord> out = new HashMap<>();
                    for (Row r : rows) {
                        ExpertRecord record = out.computeIfAbsent(r.getUUID("expert_id"),
                                k -> new ExpertRecord(new ArrayList<>(), new ArrayList<>()));
                        Double share = r.getDouble("share");
                        if (share != null) {
                            Double firstRead = r.getDouble("first_read_share");
                            record.reading().add(new PastReading(r.getUUID("id"), share,
                                    firstRead == null ? Double.NaN : firstRead));
                        }
                        Integer reach = r.getInteger("reference_reach_words");
                        Integer longest = r.getInteger("longest_response_words");
                        if (reach != null && longest != null) {
                            record.references().add(new PastReach(r.getUUID("id"), reach, longest));
                        }
                    }
                    return out;
                });
    }
}

package dev.arbiter.task.job.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.task.db.JsonColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SQL of the {@code item} table (and of the slots an item is born with). */
@ApplicationScoped
public class ItemRepository {

    /** An item's prompt and its responses' texts by original id, in the lab's order. */
    public record ItemText(String prompt, Map<String, String> texts) {

        public List<String> responseIds() {
            return new ArrayList<>(texts.keySet());
        }
    }

    /** One item of an upload, ready to insert: jsonb columns already as text. */
    public record NewItem(UUID id, int lineNo, String externalId, String prompt, String responsesJson, String goldRankingJson) {
    }

    private final JsonColumns json;

    public ItemRepository(JsonColumns json) {
        this.json = json;
    }

    public Uni<ItemText> text(SqlClient client, UUID itemId) {
        return client.preparedQuery("select prompt, responses::text as responses from item where id = $1")
                .execute(Tuple.of(itemId)).map(rows -> {
                    Row r = rows.iterator().next();
                    return new ItemText(r.getString("prompt"), texts(r.getString("responses")));
                });
    }

    /** Response id → text from an item's {@code responses} column, in the lab's order. */
    public Map<String, String> texts(String responsesJson) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (JsonNode r : json.read(responsesJson)) {
            texts.put(r.get("id").asText(), r.get("text").asText());
        }
        return texts;
    }

    /** Inserts a batch of items with {@code slotsPerItem} open slots each. */
    public Uni<Void> insertWithSlots(SqlClient tx, UUID jobId, List<NewItem> items, int slotsPerItem) {
        List<Tuple> rows = new ArrayList<>(items.size());
        UUID[] ids = new UUID[items.size()];
        for (int i = 0; i < items.size(); i++) {
            NewItem item = items.get(i);
            ids[i] = item.id();
            rows.add(Tuple.from(List.of(item.id(), jobId, item.lineNo(), item.externalId() == null ? "" : item.externalId(),
                    item.prompt(), item.responsesJson(), item.goldRankingJson() == null ? "null" : item.goldRankingJson())));
        }
        return tx.preparedQuery("insert into item (id, job_id, line_no, external_id, prompt, responses, gold_ranking) "
                        + "values ($1, $2, $3, nullif($4, ''), $5, $6::text::jsonb, nullif($7::text::jsonb, 'null'::jsonb))")
                .executeBatch(rows)
                .chain(() -> tx.preparedQuery("insert into item_slot (job_id, item_id, slot_index) "
                                + "select $1, i, g from unnest($2::uuid[]) i, generate_series(1, $3) g")
                        .execute(Tuple.of(jobId, ids, slotsPerItem)))
                .replaceWithVoid();
    }
}

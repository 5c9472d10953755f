package dev.arbiter.qualification.question.service;

import dev.arbiter.qualification.similarity.DuplicateBands;
import dev.arbiter.qualification.similarity.QuestionSimilarity;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Questions stored before duplicate fingerprints existed (migration V6) or before their MinHash band keys did
 * (V7) get them at start, a batch at a time, so that the indexed duplicate check finds them too. Computed here
 * because the fingerprint is Java's ({@link QuestionSimilarity}, {@link DuplicateBands}), not SQL's.
 * Idempotent: only rows without band keys are touched (a prompt without content words gets an empty array).
 */
@ApplicationScoped
public class FingerprintBackfill {

    private static final Logger LOG = Logger.getLogger(FingerprintBackfill.class);
    private static final int BATCH = 500;

    private final AgroalDataSource dataSource;

    public FingerprintBackfill(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            int total = 0;
            int done;
            do {
                done = fillBatch();
                total += done;
            } while (done == BATCH);
            if (total > 0) {
                LOG.infof("Duplicate fingerprints computed for %d earlier questions", total);
            }
        } catch (SQLException e) {
            // The check still works for every question that has one; the next start tries again.
            LOG.errorf(e, "Could not compute duplicate fingerprints of earlier questions");
        }
    }

    private int fillBatch() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "select id, domain, prompt from question where duplicate_bands is null limit " + BATCH);
             PreparedStatement update = c.prepareStatement(
                     "update question set similarity_key = ?, number_key = ?, duplicate_bands = cast(? as bigint[]) "
                             + "where id = ? and duplicate_bands is null")) {
            int count = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    QuestionSimilarity.Fingerprint f = QuestionSimilarity.fingerprint(rows.getString("prompt"));
                    update.setString(1, f.lookupKey());
                    update.setString(2, f.numberKey());
                    update.setString(3, DuplicateBands.literal(DuplicateBands.of(rows.getString("domain"), f)));
                    update.setObject(4, rows.getObject("id", UUID.class));
                    update.addBatch();
                    count++;
                }
            }
            if (count > 0) {
                update.executeBatch();
            }
            return count;
        }
    }
}

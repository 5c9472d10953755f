package dev.arbiter.task.export.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.db.JsonColumns;
import dev.arbiter.task.export.model.ExportFormat;
import dev.arbiter.task.export.model.ExportStatus;
import dev.arbiter.task.export.repository.ExportRepository;
import dev.arbiter.task.job.service.JobService;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Streams a job's judgments as NDJSON rows in the lab's chosen format; 404 before any row if the job is not the actor's. */
@ApplicationScoped
public class ExportService {

    /** About how many bytes of rows go out in one write (one HTTP chunk). */
    static final int CHUNK_BYTES = 32 * 1024;

    private final ExportRepository exports;
    private final JobService jobs;
    private final JsonColumns json;

    public ExportService(ExportRepository exports, JobService jobs, JsonColumns json) {
        this.exports = exports;
        this.jobs = jobs;
        this.json = json;
    }

    /** The format named by {@code format=} (default native), case-insensitive. */
    public static ExportFormat format(String name) {
        return parse("format", name == null ? "native" : name, ExportFormat.class);
    }

    /** The judgments named by {@code status=} (default accepted), case-insensitive. */
    public static ExportStatus status(String name) {
        return parse("status", name == null ? "accepted" : name, ExportStatus.class);
    }

    /** {@code verified=true} keeps only judgments whose every work session is VERIFIED or CLEARED; default false. */
    public static boolean verified(String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiProblem.validation(List.of(Violation.oneOf("verified", List.of("true", "false"))));
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation(List.of(Violation.oneOf(field, Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList())));
        }
    }

    /**
     * The export as NDJSON chunks of about {@value #CHUNK_BYTES} bytes (whole rows, see {@link NdjsonChunks}), read from
     * the database as the client takes them.
     */
    public Multi<byte[]> export(Actor actor, UUID jobId, ExportFormat format, ExportStatus status, boolean verified) {
        return jobs.owned(actor, jobId).toMulti().onItem().transformToMultiAndConcatenate(job -> NdjsonChunks.of(exports
                        .stream(jobId, status.states(), format.readsDetails(), format == ExportFormat.NATIVE, verified),
                (judgment, out) -> format.write(judgment, out, json.mapper()), json.mapper().writer(), CHUNK_BYTES));
    }
}

package dev.arbiter.task.job.upload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.config.TaskConfig;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.job.model.Job;
import dev.arbiter.task.job.model.JobStatus;
import dev.arbiter.task.job.model.UploadResult;
import dev.arbiter.task.job.model.UploadResult.RejectedLine;
import dev.arbiter.task.job.repository.ItemRepository;
import dev.arbiter.task.job.repository.ItemRepository.NewItem;
import dev.arbiter.task.job.repository.JobRepository;
import dev.arbiter.task.job.service.JobService;
import dev.arbiter.task.job.upload.ItemLine.InvalidItem;
import dev.arbiter.task.job.upload.ItemLine.Item;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Streams an item upload (a JSON array or NDJSON) from the request body into the job, a batch of
 * items per transaction; each item is written whole with its slots, or not at all. Blocking: it runs
 * on a worker thread and parses the next batch while the one before is written, so it never holds
 * more than two batches in memory.
 */
@ApplicationScoped
public class ItemUploadService {

    private static final int MAX_REPORTED = 1000;

    private final JobService jobs;
    private final JobRepository jobRows;
    private final ItemRepository items;
    private final Pool pool;
    private final ObjectMapper json;
    private final TaskConfig config;

    public ItemUploadService(JobService jobs, JobRepository jobRows, ItemRepository items, Pool pool, ObjectMapper json,
                             TaskConfig config) {
        this.jobs = jobs;
        this.jobRows = jobRows;
        this.items = items;
        this.pool = pool;
        this.json = json;
        this.config = config;
    }

    public UploadResult upload(Actor actor, UUID jobId, InputStream body) {
        Job job = jobs.owned(actor, jobId).await().indefinitely();
        if (job.status() == JobStatus.COMPLETED) {
            throw ApiProblem.conflict("job-status", "A COMPLETED job takes no more items");
        }
        Upload upload = new Upload(job);
        BoundedInputStream bounded = new BoundedInputStream(body, config.maxUploadBytes());
        try (PushbackInputStream in = new PushbackInputStream(bounded, 1)) {
            int first = firstNonBlank(in);
            if (first == '[') {
                readArray(in, upload, bounded);
            } else if (first != -1) {
                readLines(in, upload, bounded);
            }
        } catch (ElementTooLarge e) {
            // Like the upload's byte limit: every item before this one is kept whole, nothing of this one is.
            upload.flush();
            throw new ApiProblem(413, "item-too-large", "Payload too large", "The array's element " + e.element
                    + " (from line " + e.line + ") is larger than " + config.maxItemBytes()
                    + " bytes, the most one item may take; the upload stopped there (the rest was not parsed) and the items before it were kept")
                    .with("accepted", upload.accepted).with("element", e.element).with("line", e.line)
                    .with("maxItemBytes", config.maxItemBytes());
        } catch (IOException e) {
            upload.flush();
            throw ApiProblem.badRequest("upload-unreadable", "The upload could not be read: " + e.getMessage())
                    .with("accepted", upload.accepted);
        }
        upload.flush();
        if (bounded.truncated) {
            // Every item that ended before the limit is kept whole; the one the limit cut is not.
            throw new ApiProblem(413, "upload-too-large", "Payload too large", "An upload may send at most "
                    + config.maxUploadBytes() + " bytes; the items before the limit were kept")
                    .with("accepted", upload.accepted).with("maxBytes", config.maxUploadBytes());
        }
        return new UploadResult(upload.accepted, upload.rejected, upload.rejectedTotal);
    }

    /**
     * Each element is read through an {@link ElementBudget}: one that needs more than {@code max-item-bytes} stops the
     * upload with {@link ElementTooLarge} before more of it is read, so a single huge element never sits in memory.
     */
    private void readArray(InputStream in, Upload upload, BoundedInputStream bounded) throws IOException {
        ElementBudget budget = new ElementBudget(in, config.maxItemBytes());
        long element = 0;
        try (JsonParser parser = json.getFactory().createParser(budget)) {
            parser.nextToken(); // [
            while (true) {
                JsonToken token;
                long line = parser.currentLocation().getLineNr();
                try {
                    token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY || token == null) {
                        return;
                    }
                    line = parser.currentTokenLocation().getLineNr();
                    budget.startElement(parser.currentTokenLocation().getByteOffset());
                    JsonNode node;
                    try {
                        node = parser.readValueAsTree();
                    } catch (ElementBudget.TooLarge e) {
                        // read the rest and throw it away before the parser closes the body, so the answer gets through
                        drain(bounded);
                        throw new ElementTooLarge(element, line);
                    }
                    budget.endElement();
                    element++;
                    upload.offer(line, node);
                } catch (JsonProcessingException e) {
                    if (bounded.truncated) {
                        return;
                    }
                    // A broken array cannot be resynchronised: report where it broke and keep what came before.
                    upload.reject(e.getLocation() == null ? line : e.getLocation().getLineNr(),
                            "malformed JSON: " + e.getOriginalMessage());
                    return;
                }
            }
        }
    }

    /**
     * One item a line, each parsed straight from its UTF-8 bytes ({@link NdjsonLines}); a line past the bound is
     * reported alone and the rest goes on.
     */
    private void readLines(InputStream in, Upload upload, BoundedInputStream bounded) throws IOException {
        int maxLine = config.maxTextChars() * 8 + 65536;
        NdjsonLines lines = new NdjsonLines(in, maxLine);
        long number = 0;
        while (true) {
            NdjsonLines.Found found = lines.next();
            if (found == NdjsonLines.Found.END || found == NdjsonLines.Found.LAST && bounded.truncated) {
                return;   // a last line the byte limit cut is not an item
            }
            number++;
            if (lines.tooLong()) {
                upload.reject(number, "line longer than " + maxLine + " characters");
            } else if (!lines.blank()) {
                try {
                    upload.offer(number, json.readTree(lines.bytes(), 0, lines.length()));
                } catch (JsonProcessingException e) {
                    upload.reject(number, "malformed JSON: " + e.getOriginalMessage());
                }
            }
            if (found == NdjsonLines.Found.LAST) {
                return;
            }
        }
    }

    /** Reads the rest of a refused body and throws it away (bounded by the upload's limit), so the answer reaches the client. */
    private static void drain(InputStream bounded) {
        byte[] sink = new byte[65536];
        try {
            while (bounded.read(sink, 0, sink.length) != -1) {
                // discarded
            }
        } catch (IOException e) {
            // the client went away: nothing left to answer
        }
    }

    /** The array's element number {@code element} (from 0), starting at {@code line}, is over the per-item budget. */
    private static final class ElementTooLarge extends IOException {
        final long element;
        final long line;

        ElementTooLarge(long element, long line) {
            super("array element " + element + " is too large", null);
            this.element = element;
            this.line = line;
        }
    }

    private static int firstNonBlank(PushbackInputStream in) throws IOException {
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
        if (c != -1) {
            in.unread(c);
        }
        return c;
    }

    /** The state of one upload: the batch being collected and what was accepted and rejected so far. */
    private final class Upload {
        private final Job job;
        private final List<Item> batch = new ArrayList<>();
        private final List<RejectedLine> rejected = new ArrayList<>();
        private final List<Long> batchLines = new ArrayList<>();
        private int accepted;
        private int rejectedTotal;
        private int room;
        /** The batch being written while the next one is read, and its size (counted as accepted once stored). */
        private CompletableFuture<Void> writing;
        private int writingCount;

        Upload(Job job) {
            this.job = job;
            this.room = config.maxItemsPerJob() - job.items();
        }

        void offer(long line, JsonNode node) {
            try {
                Item item = ItemLine.parse(node, job.comparison(), config.maxTextChars());
                if (room <= 0) {
                    reject(line, "the job already holds the maximum of " + config.maxItemsPerJob() + " items");
                    return;
                }
                room--;
                batch.add(item);
                batchLines.add(line);
                if (batch.size() >= config.uploadBatchSize()) {
                    send();
                }
            } catch (InvalidItem e) {
                reject(line, e.getMessage());
            }
        }

        void reject(long line, String problem) {
            rejectedTotal++;
            if (rejected.size() < MAX_REPORTED) {
                rejected.add(new RejectedLine(line, problem));
            }
        }

        /** Writes the batch in hand and waits until every batch is stored: after it, {@code accepted} is final. */
        void flush() {
            send();
            awaitWritten();
        }

        /**
         * Starts writing the batch in hand (one transaction, each item with its slots) and returns while it is written,
         * so that the next batch is parsed meanwhile; it first waits for the batch before it, so at most one batch is in
         * flight and two in memory, whatever the size of the upload.
         */
        private void send() {
            if (batch.isEmpty()) {
                return;
            }
            List<NewItem> rows = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Item item = batch.get(i);
                rows.add(new NewItem(UUID.randomUUID(), (int) (long) batchLines.get(i), item.externalId(), item.prompt(),
                        responses(item), item.goldRanking() == null ? null : write(item.goldRanking())));
            }
            batch.clear();
            batchLines.clear();
            awaitWritten();
            int n = rows.size();
            writing = pool.withTransaction(tx -> items.insertWithSlots(tx, job.id(), rows, job.judgmentsPerItem())
                            .chain(() -> jobRows.addItems(tx, job.id(), n)))
                    .subscribeAsCompletionStage();
            writingCount = n;
        }

        /** Waits for the batch being written, if any; a failure to store it fails the upload as before. */
        private void awaitWritten() {
            if (writing == null) {
                return;
            }
            CompletableFuture<Void> pending = writing;
            writing = null;
            try {
                pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            accepted += writingCount;
            writingCount = 0;
        }

        /**
         * The stored form of an item's responses, written straight from the parsed item (no intermediate tree). Into
         * Jackson's own string writer, as {@code writeValueAsString} does (the same characters): a {@code StringWriter}
         * copied every text again, character by character, through a synchronised buffer that kept growing.
         */
        private String responses(Item item) {
            BufferRecycler buffers = json.getFactory()._getBufferRecycler();
            try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
                try (JsonGenerator g = json.getFactory().createGenerator(out)) {
                    g.writeStartArray();
                    for (ItemLine.Response r : item.responses()) {
                        g.writeStartObject();
                        g.writeStringField("id", r.id());
                        g.writeStringField("text", r.text());
                        if (r.model() != null) {
                            g.writeStringField("model", r.model());
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                return out.getAndClear();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                buffers.releaseToPool();
            }
        }

        private String write(Object value) {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Ends the stream at the byte limit of an upload and remembers that it did. */
    private static final class BoundedInputStream extends FilterInputStream {
        private final long limit;
        private long count;
        private boolean truncated;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            if (count >= limit) {
                truncated |= super.read() != -1;
                return -1;
            }
            int b = super.read();
            if (b != -1) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (count >= limit) {
                truncated |= super.read() != -1;
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, limit - count));
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}

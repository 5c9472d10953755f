package dev.arbiter.task.session;

import dev.arbiter.task.session.model.Integrity;
import dev.arbiter.task.session.model.StoredBatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The hash chain that makes a changed log show. Each batch is hashed once, at receipt, over its
 * canonical bytes: {@code {"seq":N,"receivedAt":EPOCH_MILLIS,"events":EVENTS}} where EVENTS are the
 * stored bytes of its events, so the server's receipt time is covered too. The batches are then chained
 * in {@code seq} order, skipping numbers never received:
 * {@code link = SHA-256(previous link ‖ batch hash)}, starting from a value derived from the session id
 * (a log cannot be moved to another session). The last link is the session's digest.
 *
 * <p>Chaining the batch hashes rather than the batch bytes themselves is what lets a batch that
 * arrives out of order be slotted in without reading the whole log again: the chain is re-folded from
 * the 32-byte hashes. Verification never trusts the stored hashes: it re-hashes every stored batch.
 *
 * <p>A batch whose raw keystroke timing is stored apart ({@link KeystrokeTiming}) is hashed over
 * {@code {"seq":N,"receivedAt":EPOCH_MILLIS,"events":EVENTS,"timingHash":"HEX"}}, where HEX is the SHA-256 of
 * the raw timing's canonical JSON, stored beside the batch. The raw timing can then be dropped after its
 * retention and the batch still verifies from its events and the timing hash; while the raw timing is kept,
 * it must still hash to that value. Batches stored before the split have no timing hash and are hashed as
 * they always were.
 */
public final class BatchChain {

    public static final int DIGEST_BYTES = 32;

    private BatchChain() {
    }

    /** Where a session's chain starts. */
    public static byte[] genesis(UUID sessionId) {
        return sha256(("arbiter/work-session/v1/" + sessionId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The bytes a batch is hashed over. */
    public static byte[] canonical(int seq, Instant receivedAt, byte[] events) {
        byte[] head = ("{\"seq\":" + seq + ",\"receivedAt\":" + receivedAt.toEpochMilli() + ",\"events\":")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + events.length + 1);
        System.arraycopy(events, 0, out, head.length, events.length);
        out[out.length - 1] = '}';
        return out;
    }

    /** The bytes a batch with its raw timing apart is hashed over; without a timing hash, {@link #canonical(int, Instant, byte[])}. */
    public static byte[] canonical(int seq, Instant receivedAt, byte[] events, byte[] timingHash) {
        byte[] plain = canonical(seq, receivedAt, events);
        if (timingHash == null) {
            return plain;
        }
        byte[] tail = (",\"timingHash\":\"" + hex(timingHash) + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(plain, plain.length - 1 + tail.length);
        System.arraycopy(tail, 0, out, plain.length - 1, tail.length);
        return out;
    }

    public static byte[] batchHash(int seq, Instant receivedAt, byte[] events) {
        return sha256(canonical(seq, receivedAt, events));
    }

    /** The hash of a batch whose raw keystroke timing hashes to {@code timingHash} (null: none kept apart). */
    public static byte[] batchHash(int seq, Instant receivedAt, byte[] events, byte[] timingHash) {
        return sha256(canonical(seq, receivedAt, events, timingHash));
    }

    /** The hash of a batch's raw keystroke timing (its canonical JSON). */
    public static byte[] timingHash(byte[] timingJson) {
        return sha256(timingJson);
    }

    public static byte[] link(byte[] previous, byte[] batchHash) {
        MessageDigest sha = sha256();
        sha.update(previous);
        sha.update(batchHash);
        return sha.digest();
    }

    /** The digest of a log whose batch hashes are given in {@code seq} order. */
    public static byte[] digest(UUID sessionId, List<byte[]> batchHashesInSeqOrder) {
        byte[] at = genesis(sessionId);
        for (byte[] hash : batchHashesInSeqOrder) {
            at = link(at, hash);
        }
        return at;
    }

    /** Re-hashes every stored batch and re-folds the chain; compares with the hashes stored and the session's digest. */
    public static Integrity verify(UUID sessionId, List<StoredBatch> stored, byte[] sessionDigest) {
        List<StoredBatch> inOrder = new ArrayList<>(stored);
        inOrder.sort(Comparator.comparingInt(StoredBatch::seq));
        List<Integer> altered = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (StoredBatch b : inOrder) {
            byte[] hash = batchHash(b.seq(), b.receivedAt(), b.eventsJson(), b.timingHash());
            boolean timingAltered = b.timingJson() != null
                    && (b.timingHash() == null || !MessageDigest.isEqual(timingHash(b.timingJson()), b.timingHash()));
            if (!MessageDigest.isEqual(hash, b.batchHash()) || timingAltered) {
                altered.add(b.seq());
            }
            hashes.add(hash);
        }
        boolean digestMatches = inOrder.isEmpty() ? sessionDigest == null
                : sessionDigest != null && MessageDigest.isEqual(digest(sessionId, hashes), sessionDigest);
        return new Integrity(altered.isEmpty() && digestMatches, List.copyOf(altered), digestMatches);
    }

    public static String hex(byte[] digest) {
        return digest == null ? null : HexFormat.of().formatHex(digest);
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package dev.arbiter.task.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The recording rules of work sessions that an operator may tune. The idle gap of {@link ActiveTime} is not one of
 * them: it is the platform's idle threshold ({@code arbiter.platform.idle-threshold-seconds}, stated at
 * {@code GET /api/platform}), the one the workbench reports idleness at, so that both count the same time.
 */
@ConfigMapping(prefix = "arbiter.sessions")
public interface SessionConfig {

    /** How long after closing a session still takes the batches the workbench flushed on submit. */
    @WithDefault("30s")
    Duration lateGrace();

    /** Events in one batch. */
    @WithDefault("500")
    int maxBatchEvents();

    /** Bytes of one batch's body. */
    @WithDefault("262144")
    int maxBatchBytes();

    /** Batches one session may hold; {@code seq} runs from 0 to one less. At one batch every 5 s, 27 hours. */
    @WithDefault("20000")
    int maxBatches();

    /** Bytes of events one session may hold in all. */
    @WithDefault("67108864")
    long maxLogBytes();

    /**
     * Batches a session may send beyond one per second of its age: the workbench sends one at most
     * every 5 s and flushes on blur and submit, so only a runaway or hostile client meets this.
     */
    @WithDefault("120")
    int batchBurst();

    /** Characters of one text an event carries ({@code ins}, a paste's {@code text}) and of a position or deletion. */
    @WithDefault("20000")
    int maxTextChars();

    /** Characters one {@code copy} event may report (a whole response at most). */
    @WithDefault("100000")
    int maxCopyLength();

    /** Typing within this span shows as one step of a field's replay. */
    @WithDefault("1s")
    Duration replayStep();

    /** Sessions listed by {@code GET /api/sessions/mine}. */
    @WithDefault("200")
    int mineLimit();

    /**
     * How long a batch's raw keystroke intervals are kept after it was received; then only their summary
     * (count, mean, deviation, median) stays in the log ({@code KeystrokeRetention}). Signals read the raw
     * intervals when the session is finalised, seconds after it closed, long before this.
     */
    @WithDefault("90d")
    Duration keystrokeRetention();

    /** How often the retention job runs. */
    @WithDefault("1h")
    Duration keystrokeRetentionInterval();

    /** Batches whose raw timing one transaction of the retention job drops. */
    @WithDefault("1000")
    int keystrokeRetentionChunk();

    /**
     * How often the finaliser looks for closed sessions whose grace is over ({@code SessionFinaliser});
     * {@code off} stops it (the test profile does, and the tests run it themselves).
     */
    @WithDefault("5s")
    String finaliseInterval();

    /** Sessions one finaliser run takes at most. */
    @WithDefault("2000")
    int finaliseBatch();

    /**
     * Sessions one finalising transaction takes (one commit, one disk flush for all of them); a failure
     * among them has them taken again one per transaction.
     */
    @WithDefault("16")
    int finalisePerTransaction();

    /** Finalising transactions one run keeps going at once (each on its own sessions, SKIP LOCKED). */
    @WithDefault("4")
    int finaliseWorkers();

    /** How far back another expert's session on the same device or address is looked for. */
    @WithDefault("30d")
    Duration sharerWindow();

    /** Other experts' sessions on the same device or address a session's evidence holds at most. */
    @WithDefault("50")
    int maxSharers();

    /** Other experts' judgments on the same item a session's evidence holds at most. */
    @WithDefault("50")
    int maxPeerJudgments();

    /**
     * The expert's own judgments on other items a session's evidence holds at most (their latest), for
     * {@code self_template}: enough to see boilerplate reused while grinding, bounded whatever the history.
     */
    @WithDefault("20")
    int maxOwnTexts();

    /** How far back the expert's own judgments on other items are looked for ({@code max-own-texts} of them at most). */
    @WithDefault("30d")
    Duration ownTextWindow();

    /**
     * The expert's finalised claim sessions whose stored reading share a session's evidence holds at most (their
     * latest), for {@code reading_record}: a habit shows over this many items, and the read stays bounded.
     */
    @WithDefault("20")
    int maxReadingRecord();

    /** How far back the expert's sessions for {@code reading_record} are looked for. */
    @WithDefault("30d")
    Duration readingRecordWindow();
}

package dev.arbiter.task.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The rules of task-service that an operator may tune. The currency and the pay floor are the platform's
 * ({@code PlatformTerms}, {@code arbiter.platform.*}), one set of terms for every service.
 */
@ConfigMapping(prefix = "arbiter.tasks")
public interface TaskConfig {

    /** Items one job may hold. */
    @WithDefault("100000")
    int maxItemsPerJob();

    /** Bytes one upload may send. */
    @WithDefault("536870912")
    long maxUploadBytes();

    /**
     * Bytes one element of a JSON-array upload may take (the array's counterpart of the NDJSON line limit, which is
     * {@code max-text-chars} × 8 + 65,536 characters): a valid item (a prompt and six responses of 100,000
     * characters) fits; reading stops at the first element past it (413 {@code item-too-large}).
     */
    @WithDefault("4194304")
    long maxItemBytes();

    /** Characters of a prompt or of one response. */
    @WithDefault("100000")
    int maxTextChars();

    /** Characters of one rationale, critique comment or the overall rationale. */
    @WithDefault("20000")
    int maxRationaleChars();

    /** A lease lasts this many times the job's expected minutes per item. */
    @WithDefault("2")
    int leaseFactor();

    /** Share of accepted judgments (percent) that goes to an admin spot check unless the job says otherwise. */
    @WithDefault("10")
    int spotCheckPercent();

    /**
     * Live leases of one job an expert may hold at once, unless the job sets its own {@code maxLeasesPerExpert}
     * (1…1000): one expert cannot take every slot of a job.
     */
    @WithDefault("2")
    int maxLeasesPerExpert();

    /** How fast one expert may claim tasks; past it a claim answers 429 with {@code Retry-After}. */
    ClaimRate claimRate();

    /**
     * A token bucket per expert: {@code burst} claims at once, then {@code per-minute}. Honest work claims a task
     * every few minutes; the defaults sit far above that and above what a benchmark's closed-loop client reaches
     * (200 experts draining a job claim a few times a second each), and far below a script hammering the claim.
     */
    interface ClaimRate {
        @WithDefault("60")
        int burst();

        @WithDefault("600")
        int perMinute();
    }

    /** Items inserted per transaction while an upload streams in. */
    @WithDefault("500")
    int uploadBatchSize();
}

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

    /** Items inserted per transaction while an upload streams in. */
    @WithDefault("500")
    int uploadBatchSize();
}

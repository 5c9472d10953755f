package dev.arbiter.task.session.signal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The signals' thresholds an operator may tune ({@code arbiter.signals.*}); each is explained on
 * {@link SignalThresholds}, whose {@code DEFAULTS} these defaults repeat. Changing one changes what is
 * flagged from then on, never a session already finalised.
 */
@ConfigMapping(prefix = "arbiter.signals")
public interface SignalConfig {

    @WithDefault("0.5")
    double externalPasteShare();

    @WithDefault("80")
    int externalPasteMinChars();

    @WithDefault("200")
    int untypedChars();

    @WithDefault("60")
    int typingMinIntervals();

    @WithDefault("40")
    double typingMedianFloorMs();

    @WithDefault("0.10")
    double typingSpreadFloor();

    @WithDefault("1000")
    double readingWordsPerMinute();

    @WithDefault("0.5")
    double readingMinShare();

    @WithDefault("100")
    int readingMinWords();

    @WithDefault("30s")
    Duration burstWindow();

    @WithDefault("5s")
    Duration burstMinAway();

    @WithDefault("100")
    int burstChars();

    @WithDefault("1")
    int sharedDeviceAccounts();

    @WithDefault("0.8")
    double nearCopySimilarity();

    @WithDefault("12")
    int nearCopyMinWords();

    @WithDefault("0.8")
    double copyOutShare();

    @WithDefault("400")
    int copyOutMinChars();

    @WithDefault("60s")
    Duration copyOutWindow();

    @WithDefault("0.15")
    double groundedMinShare();

    @WithDefault("8")
    int groundedMinWords();

    @WithDefault("0.5")
    double readFirstMinShare();

    @WithDefault("0.5")
    double selfTemplateSimilarity();

    @WithDefault("12")
    int selfTemplateMinWords();

    @WithDefault("0.25")
    double readingRecordMedian();

    @WithDefault("5")
    int readingRecordMinSessions();

    @WithDefault("400")
    int referenceScreenWords();

    @WithDefault("1000")
    int referenceMinResponseWords();

    @WithDefault("0.25")
    double referenceRecordShare();

    @WithDefault("4")
    int referenceRecordMinSessions();

    @WithDefault("0.25")
    double glanceMaxShare();

    @WithDefault("0.15")
    double glanceRecordShare();

    @WithDefault("2")
    int glanceRecordMinGlances();

    @WithDefault("5")
    int glanceRecordMinSessions();

    default SignalThresholds thresholds() {
        return new SignalThresholds(externalPasteShare(), externalPasteMinChars(), untypedChars(), typingMinIntervals(),
                typingMedianFloorMs(), typingSpreadFloor(), readingWordsPerMinute(), readingMinShare(), readingMinWords(),
                burstWindow().toMillis(), burstMinAway().toMillis(), burstChars(), sharedDeviceAccounts(),
                nearCopySimilarity(), nearCopyMinWords(), copyOutShare(), copyOutMinChars(), copyOutWindow().toMillis(),
                groundedMinShare(), groundedMinWords(), readFirstMinShare(), selfTemplateSimilarity(),
                selfTemplateMinWords(), readingRecordMedian(), readingRecordMinSessions(), referenceScreenWords(),
                referenceMinResponseWords(), referenceRecordShare(), referenceRecordMinSessions(), glanceMaxShare(),
                glanceRecordShare(), glanceRecordMinGlances(), glanceRecordMinSessions());
    }
}

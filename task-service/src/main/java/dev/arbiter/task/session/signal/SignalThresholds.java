package dev.arbiter.task.session.signal;

/**
 * The thresholds every signal is compared with, one record so that a signal class is a pure function of
 * a session and these numbers. {@link #DEFAULTS} are the values calibrated on the synthetic cohorts
 * (task-service README, "Signals and the flag"); an operator tunes them with {@code arbiter.signals.*}
 * ({@link SignalConfig}).
 *
 * @param externalPasteShare    {@code external_paste_share} fires at this share (0..1) of the final text pasted from outside
 * @param externalPasteMinChars … and only when at least this many characters of it came from outside (a pasted URL in a
 *                              two-word answer is not a rationale written elsewhere)
 * @param untypedChars          {@code text_without_typing} fires at this many characters typed into fields with no keystroke
 *                              behind them
 * @param typingMinIntervals    {@code inhuman_typing} judges only sessions with at least this many keystroke intervals
 * @param typingMedianFloorMs   … fires when the median interval is below this (people do not type 25 keys a second)
 * @param typingSpreadFloor     … or when the intervals' relative spread (median absolute deviation / median) is below this
 *                              (people do not type like a metronome)
 * @param readingWordsPerMinute {@code reading_time}: the generous rate a fast reader covers the responses at
 * @param readingMinShare       … fires when the reading time credited is at most this share of what that rate needs
 * @param readingMinWords       … judged only when the responses have at least this many words
 * @param burstWindowMillis     {@code blur_then_burst}: how long after coming back text counts as brought back
 * @param burstMinAwayMillis    … a blur shorter than this (a click on the browser's own bar) is not leaving the page
 * @param burstChars            … fires at this many characters brought back (pasted from outside, or typed with no keystrokes)
 * @param sharedDeviceAccounts  {@code shared_device} fires at this many other expert accounts seen on the same device
 * @param nearCopySimilarity    {@code near_copy} fires at this word-shingle Jaccard similarity with another expert's text
 * @param nearCopyMinWords      … compared only for texts of at least this many words
 * @param copyOutShare          {@code copy_out}: a copy of at least this share (0..1) of a response is copying it out
 * @param copyOutMinChars       … and of at least this many characters (a short quote of a short response is not)
 * @param copyOutWindowMillis   … fires when the page is left (for {@code burstMinAwayMillis} or more) within this long
 *                              after such a copy
 * @param groundedMinShare      {@code ungrounded_rationale} fires when at most this share (0..1) of the written text's
 *                              content words refer to the responses (two content words in a row that occur in a row there)
 * @param groundedMinWords      … judged only when the written text has at least this many content words
 * @param readFirstMinShare     {@code wrote_before_reading} fires when the reading credited before the first text is at
 *                              most this share of what the shorter response needs at {@code readingWordsPerMinute}
 * @param selfTemplateSimilarity {@code self_template} fires at this word-shingle Jaccard similarity between a final text
 *                              and the same expert's text on a different item
 * @param selfTemplateMinWords  … compared only for texts of at least this many words (once the responses' shingles are out)
 * @param readingRecordMedian   {@code reading_record} fires when the median reading share of this session and the expert's
 *                              recent claim sessions is at most this (a habit of not reading, not one quick read)
 * @param readingRecordMinSessions … judged only when the record holds at least this many sessions, this one included
 * @param referenceScreenWords  {@code reference_record}: a text's reference deeper than this many words into its response
 *                              lies past the first screen (a generous screen: what a glance could show)
 * @param referenceMinResponseWords … a session counts only when its longest response has at least this many words
 * @param referenceRecordShare  … fires when at most this share (0..1) of the counted sessions, this one and the expert's
 *                              recent claim sessions, refer to something past the first screen
 * @param referenceRecordMinSessions … judged only when at least this many sessions count, this one included
 * @param glanceMaxShare        {@code glance_record}: a session was written after a glance when the best-read response
 *                              had, before the first text, at most this share (0..1) of what it needs at
 *                              {@code readingWordsPerMinute}
 * @param glanceRecordShare     … fires when at least this share (0..1) of the judged sessions, this one and the expert's
 *                              recent claim sessions, were written after a glance
 * @param glanceRecordMinGlances … and at least this many of them (one glance in five sessions is not a habit)
 * @param glanceRecordMinSessions … judged only when at least this many sessions are judged, this one included
 */
public record SignalThresholds(double externalPasteShare, int externalPasteMinChars, int untypedChars, int typingMinIntervals,
                               double typingMedianFloorMs, double typingSpreadFloor, double readingWordsPerMinute,
                               double readingMinShare, int readingMinWords, long burstWindowMillis, long burstMinAwayMillis,
                               int burstChars, int sharedDeviceAccounts, double nearCopySimilarity, int nearCopyMinWords,
                               double copyOutShare, int copyOutMinChars, long copyOutWindowMillis, double groundedMinShare,
                               int groundedMinWords, double readFirstMinShare, double selfTemplateSimilarity,
                               int selfTemplateMinWords, double readingRecordMedian, int readingRecordMinSessions,
                               int referenceScreenWords, int referenceMinResponseWords, double referenceRecordShare,
                               int referenceRecordMinSessions, double glanceMaxShare, double glanceRecordShare,
                               int glanceRecordMinGlances, int glanceRecordMinSessions) {

    /** {@code reference_record}'s defaults, for the shorter constructors. */
    static final int REFERENCE_SCREEN_WORDS = 400;
    static final int REFERENCE_MIN_RESPONSE_WORDS = 1_000;
    static final double REFERENCE_RECORD_SHARE = 0.25;
    static final int REFERENCE_RECORD_MIN_SESSIONS = 4;
    /** {@code glance_record}'s defaults, for the shorter constructors. */
    static final double GLANCE_MAX_SHARE = 0.25;
    static final double GLANCE_RECORD_SHARE = 0.15;
    static final int GLANCE_RECORD_MIN_GLANCES = 2;
    static final int GLANCE_RECORD_MIN_SESSIONS = 5;

    /** The calibrated defaults; {@link SignalConfig} repeats them as its {@code @WithDefault}s. */
    public static final SignalThresholds DEFAULTS = new SignalThresholds(0.5, 80, 200, 60, 40, 0.10, 1000, 0.5, 100,
            30_000, 5_000, 100, 1, 0.8, 12, 0.8, 400, 60_000, 0.15, 8, 0.5, 0.5, 12, 0.25, 5);

    /** Every threshold but {@code glance_record}'s, which take their defaults. */
    public SignalThresholds(double externalPasteShare, int externalPasteMinChars, int untypedChars, int typingMinIntervals,
                            double typingMedianFloorMs, double typingSpreadFloor, double readingWordsPerMinute,
                            double readingMinShare, int readingMinWords, long burstWindowMillis, long burstMinAwayMillis,
                            int burstChars, int sharedDeviceAccounts, double nearCopySimilarity, int nearCopyMinWords,
                            double copyOutShare, int copyOutMinChars, long copyOutWindowMillis, double groundedMinShare,
                            int groundedMinWords, double readFirstMinShare, double selfTemplateSimilarity,
                            int selfTemplateMinWords, double readingRecordMedian, int readingRecordMinSessions,
                            int referenceScreenWords, int referenceMinResponseWords, double referenceRecordShare,
                            int referenceRecordMinSessions) {
        this(externalPasteShare, externalPasteMinChars, untypedChars, typingMinIntervals, typingMedianFloorMs,
                typingSpreadFloor, readingWordsPerMinute, readingMinShare, readingMinWords, burstWindowMillis,
                burstMinAwayMillis, burstChars, sharedDeviceAccounts, nearCopySimilarity, nearCopyMinWords, copyOutShare,
                copyOutMinChars, copyOutWindowMillis, groundedMinShare, groundedMinWords, readFirstMinShare,
                selfTemplateSimilarity, selfTemplateMinWords, readingRecordMedian, readingRecordMinSessions,
                referenceScreenWords, referenceMinResponseWords, referenceRecordShare, referenceRecordMinSessions,
                GLANCE_MAX_SHARE, GLANCE_RECORD_SHARE, GLANCE_RECORD_MIN_GLANCES, GLANCE_RECORD_MIN_SESSIONS);
    }

    /** Every threshold but {@code reference_record}'s and {@code glance_record}'s, which take their defaults. */
    public SignalThresholds(double externalPasteShare, int externalPasteMinChars, int untypedChars, int typingMinIntervals,
                            double typingMedianFloorMs, double typingSpreadFloor, double readingWordsPerMinute,
                            double readingMinShare, int readingMinWords, long burstWindowMillis, long burstMinAwayMillis,
                            int burstChars, int sharedDeviceAccounts, double nearCopySimilarity, int nearCopyMinWords,
                            double copyOutShare, int copyOutMinChars, long copyOutWindowMillis, double groundedMinShare,
                            int groundedMinWords, double readFirstMinShare, double selfTemplateSimilarity,
                            int selfTemplateMinWords, double readingRecordMedian, int readingRecordMinSessions) {
        this(externalPasteShare, externalPasteMinChars, untypedChars, typingMinIntervals, typingMedianFloorMs,
                typingSpreadFloor, readingWordsPerMinute, readingMinShare, readingMinWords, burstWindowMillis,
                burstMinAwayMillis, burstChars, sharedDeviceAccounts, nearCopySimilarity, nearCopyMinWords, copyOutShare,
                copyOutMinChars, copyOutWindowMillis, groundedMinShare, groundedMinWords, readFirstMinShare,
                selfTemplateSimilarity, selfTemplateMinWords, readingRecordMedian, readingRecordMinSessions,
                REFERENCE_SCREEN_WORDS, REFERENCE_MIN_RESPONSE_WORDS, REFERENCE_RECORD_SHARE, REFERENCE_RECORD_MIN_SESSIONS);
    }

    /** The thresholds of the signals that read one session and its texts, with the reading record's defaults. */
    public SignalThresholds(double externalPasteShare, int externalPasteMinChars, int untypedChars, int typingMinIntervals,
                            double typingMedianFloorMs, double typingSpreadFloor, double readingWordsPerMinute,
                            double readingMinShare, int readingMinWords, long burstWindowMillis, long burstMinAwayMillis,
                            int burstChars, int sharedDeviceAccounts, double nearCopySimilarity, int nearCopyMinWords,
                            double copyOutShare, int copyOutMinChars, long copyOutWindowMillis, double groundedMinShare,
                            int groundedMinWords, double readFirstMinShare, double selfTemplateSimilarity,
                            int selfTemplateMinWords) {
        this(externalPasteShare, externalPasteMinChars, untypedChars, typingMinIntervals, typingMedianFloorMs,
                typingSpreadFloor, readingWordsPerMinute, readingMinShare, readingMinWords, burstWindowMillis,
                burstMinAwayMillis, burstChars, sharedDeviceAccounts, nearCopySimilarity, nearCopyMinWords, copyOutShare,
                copyOutMinChars, copyOutWindowMillis, groundedMinShare, groundedMinWords, readFirstMinShare,
                selfTemplateSimilarity, selfTemplateMinWords, 0.25, 5);
    }

    /** These thresholds with {@code reading_record}'s set to {@code median} and {@code minSessions}. */
    public SignalThresholds withReadingRecord(double median, int minSessions) {
        return new SignalThresholds(externalPasteShare, externalPasteMinChars, untypedChars, typingMinIntervals,
                typingMedianFloorMs, typingSpreadFloor, readingWordsPerMinute, readingMinShare, readingMinWords,
                burstWindowMillis, burstMinAwayMillis, burstChars, sharedDeviceAccounts, nearCopySimilarity, nearCopyMinWords,
                copyOutShare, copyOutMinChars, copyOutWindowMillis, groundedMinShare, groundedMinWords, readFirstMinShare,
                selfTemplateSimilarity, selfTemplateMinWords, median, minSessions, referenceScreenWords,
                referenceMinResponseWords, referenceRecordShare, referenceRecordMinSessions, glanceMaxShare,
                glanceRecordShare, glanceRecordMinGlances, glanceRecordMinSessions);
    }

    /** These thresholds with {@code reference_record}'s set to these. */
    public SignalThresholds withReferenceRecord(int screenWords, int minResponseWords, double share, int minSessions) {
        return new SignalThresholds(externalPasteShare, externalPasteMinChars, untypedChars, typingMinIntervals,
                typingMedianFloorMs, typingSpreadFloor, readingWordsPerMinute, readingMinShare, readingMinWords,
                burstWindowMillis, burstMinAwayMillis, burstChars, sharedDeviceAccounts, nearCopySimilarity, nearCopyMinWords,
                copyOutShare, copyOutMinChars, copyOutWindowMillis, groundedMinShare, groundedMinWords, readFirstMinShare,
                selfTemplateSimilarity, selfTemplateMinWords, readingRecordMedian, readingRecordMinSessions, screenWords,
                minResponseWords, share, minSessions, glanceMaxShare, glanceRecordShare, glanceRecordMinGlances,
                glanceRecordMinSessions);
    }

    /** These thresholds with {@code glance_record}'s set to these. */
    public SignalThresholds withGlanceRecord(double maxShare, double share, int minGlances, int minSessions) {
        return new SignalThresholds(externalPasteShare, externalPasteMinChars, untypedChars, typingMinIntervals,
                typingMedianFloorMs, typingSpreadFloor, readingWordsPerMinute, readingMinShare, readingMinWords,
                burstWindowMillis, burstMinAwayMillis, burstChars, sharedDeviceAccounts, nearCopySimilarity, nearCopyMinWords,
                copyOutShare, copyOutMinChars, copyOutWindowMillis, groundedMinShare, groundedMinWords, readFirstMinShare,
                selfTemplateSimilarity, selfTemplateMinWords, readingRecordMedian, readingRecordMinSessions,
                referenceScreenWords, referenceMinResponseWords, referenceRecordShare, referenceRecordMinSessions, maxShare,
                share, minGlances, minSessions);
    }
}

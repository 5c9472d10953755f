package dev.arbiter.qualification.question.service;

import dev.arbiter.qualification.grading.AnswerType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether an expert may submit one more question now, given their submissions of the last day. A pure
 * function; every case is in {@code SubmissionAllowanceTableTest}.
 *
 * <ul>
 *   <li><b>Rate</b>: at most {@code maxPerWindow} submissions within any {@code window}; refused until
 *   the oldest one leaves the window.</li>
 *   <li><b>Daily budget of panel calls</b>: the panel calls of the last 24 hours plus this question's
 *   must not exceed {@code dailyPanelCalls}; refused until enough earlier calls leave the 24 hours.</li>
 * </ul>
 * The budget is checked first: when both refuse, its wait is the longer one that matters.
 */
public record SubmissionAllowance(int maxPerWindow, Duration window, int dailyPanelCalls) {

    public static final Duration BUDGET_WINDOW = Duration.ofHours(24);

    /** A submission of the last day: when, and what it cost in panel calls. */
    public record Submission(Instant at, int panelCalls) {
    }

    public enum Limit { RATE, PANEL_CALLS }

    /**
     * A refusal: which limit, what was used of it, and when a submission fits again.
     *
     * @param used   submissions within the window (RATE) or panel calls of the last 24 hours (PANEL_CALLS)
     * @param cost   the panel calls this question would have cost
     */
    public record Refusal(Limit limit, long used, int cost, Instant retryAt) {

        public Duration retryAfter(Instant now) {
            return Duration.between(now, retryAt);
        }
    }

    /** The panel calls a question costs: every panel model is asked, and the judge grades each free-form answer. */
    public static int cost(AnswerType type, int panelModels) {
        return type == AnswerType.FREE_FORM ? 2 * panelModels : panelModels;
    }

    /** How far back the submissions this needs go. */
    public Duration lookBack() {
        return window.compareTo(BUDGET_WINDOW) > 0 ? window : BUDGET_WINDOW;
    }

    /** @param recent the expert's submissions since {@code now - lookBack()}, oldest first */
    public Optional<Refusal> check(List<Submission> recent, int cost, Instant now) {
        Optional<Refusal> budget = budget(recent, cost, now);
        return budget.isPresent() ? budget : rate(recent, cost, now);
    }

    private Optional<Refusal> budget(List<Submission> recent, int cost, Instant now) {
        List<Submission> inWindow = within(recent, now.minus(BUDGET_WINDOW));
        long used = inWindow.stream().mapToLong(Submission::panelCalls).sum();
        if (used + cost <= dailyPanelCalls) {
            return Optional.empty();
        }
        long stillUsed = used;
        for (Submission s : inWindow) {
            stillUsed -= s.panelCalls();
            if (stillUsed + cost <= dailyPanelCalls) {
                return Optional.of(new Refusal(Limit.PANEL_CALLS, used, cost, s.at().plus(BUDGET_WINDOW)));
            }
        }
        // Costs more than a whole day's budget (a panel larger than the budget allows): never fits.
        return Optional.of(new Refusal(Limit.PANEL_CALLS, used, cost, now.plus(BUDGET_WINDOW)));
    }

    private Optional<Refusal> rate(List<Submission> recent, int cost, Instant now) {
        List<Submission> inWindow = within(recent, now.minus(window));
        if (inWindow.size() < maxPerWindow) {
            return Optional.empty();
        }
        // Room for one more once all but (maxPerWindow - 1) of them have left the window.
        Submission leaving = inWindow.get(inWindow.size() - maxPerWindow);
        return Optional.of(new Refusal(Limit.RATE, inWindow.size(), cost, leaving.at().plus(window)));
    }

    /** A wait in words, rounded up to the second: "3 h 5 min" (minutes rounded up once it is hours), "4 min 12 s", "12 s". */
    public static String inWords(Duration wait) {
        long seconds = Math.max(1, wait.plusMillis(999).getSeconds());
        if (seconds >= 3600) {
            long totalMinutes = (seconds + 59) / 60;
            long hours = totalMinutes / 60;
            long minutes = totalMinutes % 60;
            return minutes > 0 ? hours + " h " + minutes + " min" : hours + " h";
        }
        long minutes = seconds / 60;
        long rest = seconds % 60;
        if (minutes > 0) {
            return rest > 0 ? minutes + " min " + rest + " s" : minutes + " min";
        }
        return rest + " s";
    }

    private static List<Submission> within(List<Submission> recent, Instant since) {
        return recent.stream().filter(s -> s.at().isAfter(since)).toList();
    }
}

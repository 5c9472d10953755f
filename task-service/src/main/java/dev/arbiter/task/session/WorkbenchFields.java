package dev.arbiter.task.session;

import dev.arbiter.task.judgment.service.JudgmentValidator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workbench's own text fields, the only ones a session may record text of. A judgment's session
 * has {@code rationale.<dimensionKey>} for each of its job's dimensions, {@code critique.<n>.comment}
 * and {@code critique.<n>.quote} for each critique, and {@code overall}; a QA review's session has
 * {@code strengths} and {@code issues} (an extension of the contract: reviewers write too).
 */
public final class WorkbenchFields {

    private static final Pattern CRITIQUE = Pattern.compile("critique\\.(0|[1-9][0-9]{0,2})\\.(comment|quote)");

    private final List<String> dimensionKeys;
    private final boolean review;

    private WorkbenchFields(List<String> dimensionKeys, boolean review) {
        this.dimensionKeys = List.copyOf(dimensionKeys);
        this.review = review;
    }

    public static WorkbenchFields judgment(List<String> dimensionKeys) {
        return new WorkbenchFields(dimensionKeys, false);
    }

    public static WorkbenchFields review() {
        return new WorkbenchFields(List.of(), true);
    }

    public boolean allows(String field) {
        if (review) {
            return field.equals("strengths") || field.equals("issues");
        }
        if (field.equals("overall")) {
            return true;
        }
        if (field.startsWith("rationale.")) {
            return dimensionKeys.contains(field.substring("rationale.".length()));
        }
        Matcher m = CRITIQUE.matcher(field);
        return m.matches() && Integer.parseInt(m.group(1)) < JudgmentValidator.MAX_CRITIQUES;
    }

    /** The allowed names, as a violation message lists them. */
    public String describe() {
        if (review) {
            return "strengths, issues";
        }
        StringBuilder s = new StringBuilder();
        dimensionKeys.forEach(k -> s.append("rationale.").append(k).append(", "));
        return s.append("critique.<n>.comment, critique.<n>.quote (n from 0 to ")
                .append(JudgmentValidator.MAX_CRITIQUES - 1).append("), overall").toString();
    }
}

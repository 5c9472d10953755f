package dev.arbiter.simulator.knowledge;

import dev.arbiter.simulator.StableHash;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer a model gives to a question it does not know: deterministic (seeded by the model
 * and the normalised question), shaped like a real answer, and chosen so that it is wrong.
 *
 * <ul>
 *   <li>multiple choice (option lines {@code A) …}, {@code A. …}, {@code (A) …}): a letter,
 *       never one an answer key gives;</li>
 *   <li>asks for a year: a year between 1100 and 1899 away from every number in the question;</li>
 *   <li>asks for a number: a value at least 7× larger than the sum plus product of the
 *       question's numbers, so never close to them or to simple arithmetic on them;</li>
 *   <li>otherwise: a hedged sentence naming a fictitious concept, which no reference contains.</li>
 * </ul>
 * A multiple-choice guess can still hit the right letter by chance when no answer key
 * mentions the question; list the key under model {@value KnowledgeBase#NO_MODEL} to rule that out.
 */
public final class WrongAnswers {

    private static final Pattern OPTION_LINE = Pattern.compile("(?m)^\\s*\\(?([A-Ja-j])[).:]\\s+\\S");
    private static final Pattern OPTION_INLINE = Pattern.compile("(?:^|\\s)\\(?([A-J])\\)\\s*\\S");
    private static final Pattern LETTER_ANSWER = Pattern.compile("^\\(?([a-j])(?:[).:]|\\s|$)");
    private static final Pattern YEAR_QUESTION = Pattern.compile("\\b(?:what|which|in what) year\\b");
    private static final Pattern NUMERIC_QUESTION = Pattern.compile("\\b(?:how (?:many|much|long|old|far|often)"
            + "|what percent(?:age)?|calculate|compute|estimate|round(?:ed)? to|to the nearest|what number"
            + "|what (?:is|was|are|were) (?:the |its |their |this |that )?(?:[\\p{L}-]+ ){0,3}"
            + "(?:value|number|amount|total|sum|product|difference|quotient|probability|rate|ratio|price|cost"
            + "|dose|dosage|yield|npv|irr|return|percentage|mean|median|average|count|score))\\b");
    private static final Pattern ARITHMETIC = Pattern.compile("\\d\\s*[-+*/×÷^]\\s*\\d");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern THOUSANDS_SEPARATOR = Pattern.compile("(?<=\\d),(?=\\d{3})");

    private static final List<String> FICTITIOUS_CONCEPTS = List.of(
            "the Halvorsen–Mbeki doctrine", "the Castellan threshold effect", "Dravnik's second lemma",
            "the Orlov–Prentice adjustment", "a reverse Tamsin allocation", "the Ferreira–Lund exception",
            "the Quillon partition rule", "an inverted Marrowby spread", "the Velasko–Nakamura criterion",
            "the Ibsworth equivalence", "the Kestrelline carry-forward method", "a secondary Lomaxian offset",
            "the Pendrake reciprocity principle", "the Sorvald–Achebe protocol", "the Tiberian cascade",
            "a Wexcombe-type residual");
    private static final List<String> HEDGES = List.of(
            "I believe the answer is %s.", "I believe the answer is %s, though I am not entirely certain.",
            "Most likely it is %s.", "The answer is probably %s.");

    private WrongAnswers() {
    }

    /**
     * @param answerKeys every answer the knowledge base gives to this question, for any model;
     *                   the wrong answer avoids them
     */
    public static String forQuestion(String model, String question, Collection<String> answerKeys) {
        SplittableRandom random = new SplittableRandom(StableHash.of(model + "\n" + QuestionText.normalize(question)));
        TreeSet<Character> options = optionLetters(question);
        if (options.contains('A') && options.contains('B')) {
            return wrongLetter(options, answerKeys, random);
        }
        String normalized = QuestionText.normalize(question);
        if (YEAR_QUESTION.matcher(normalized).find()) {
            return wrongYear(normalized, answerKeys, random);
        }
        if (NUMERIC_QUESTION.matcher(normalized).find() || ARITHMETIC.matcher(normalized).find()) {
            return wrongNumber(normalized, answerKeys, random);
        }
        String concept = FICTITIOUS_CONCEPTS.get(random.nextInt(FICTITIOUS_CONCEPTS.size()));
        return String.format(HEDGES.get(random.nextInt(HEDGES.size())), concept);
    }

    static TreeSet<Character> optionLetters(String question) {
        TreeSet<Character> letters = new TreeSet<>();
        for (Pattern pattern : List.of(OPTION_LINE, OPTION_INLINE)) {
            Matcher matcher = pattern.matcher(question);
            while (matcher.find()) {
                letters.add(Character.toUpperCase(matcher.group(1).charAt(0)));
            }
        }
        return letters;
    }

    private static String wrongLetter(TreeSet<Character> options, Collection<String> answerKeys,
                                      SplittableRandom random) {
        List<Character> candidates = new ArrayList<>(options);
        for (String key : answerKeys) {
            Matcher matcher = LETTER_ANSWER.matcher(QuestionText.normalize(key));
            if (matcher.find()) {
                candidates.remove(Character.valueOf(Character.toUpperCase(matcher.group(1).charAt(0))));
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(options);
        }
        return String.valueOf(candidates.get(random.nextInt(candidates.size())));
    }

    private static String wrongYear(String question, Collection<String> answerKeys, SplittableRandom random) {
        List<Double> avoid = numbersIn(question);
        answerKeys.forEach(key -> avoid.addAll(numbersIn(QuestionText.normalize(key))));
        int year = 1100 + random.nextInt(800);
        for (int attempt = 0; attempt < 50 && isNear(year, avoid, 10); attempt++) {
            year = 1100 + random.nextInt(800);
        }
        return Integer.toString(year);
    }

    private static String wrongNumber(String question, Collection<String> answerKeys, SplittableRandom random) {
        List<Double> numbers = numbersIn(question);
        double sum = 0;
        double product = 1;
        for (double n : numbers) {
            sum += Math.abs(n);
            product = Math.min(product * Math.max(Math.abs(n), 1), 1e9);
        }
        double base = numbers.isEmpty() ? 1000 : sum + product + 1;
        double value = base * (7 + random.nextInt(600) / 100.0);
        List<Double> keys = new ArrayList<>();
        answerKeys.forEach(key -> keys.addAll(numbersIn(QuestionText.normalize(key))));
        for (int attempt = 0; attempt < 5 && isNearRelative(value, keys); attempt++) {
            value *= 10;
        }
        boolean decimals = Pattern.compile("\\d\\.\\d").matcher(question).find();
        return decimals
                ? BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString()
                : Long.toString(Math.round(value));
    }

    private static List<Double> numbersIn(String text) {
        List<Double> numbers = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(THOUSANDS_SEPARATOR.matcher(text).replaceAll(""));
        while (matcher.find()) {
            numbers.add(Double.parseDouble(matcher.group()));
        }
        return numbers;
    }

    private static boolean isNear(double value, List<Double> others, double distance) {
        return others.stream().anyMatch(other -> Math.abs(other - value) <= distance);
    }

    private static boolean isNearRelative(double value, List<Double> others) {
        return others.stream().anyMatch(other -> Math.abs(other - value) <= 0.5 * Math.max(Math.abs(other), 1));
    }
}

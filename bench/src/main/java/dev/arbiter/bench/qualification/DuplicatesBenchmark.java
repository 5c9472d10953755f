package dev.arbiter.bench.qualification;

import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.infra.LocalPostgres;
import dev.arbiter.qualification.similarity.DuplicateBands;
import dev.arbiter.qualification.similarity.DuplicateLookup;
import dev.arbiter.qualification.similarity.QuestionSimilarity;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The near-duplicate check of a question submission as the number of earlier questions grows: the indexed
 * lookup qualification-service runs ({@link DuplicateLookup}: the questions sharing a MinHash band key
 * ({@link DuplicateBands}, scoped by domain and numbers), then {@link QuestionSimilarity} on those) against the
 * baseline it replaced, measured in the same
 * run on the same rows: every earlier prompt read and compared. Starts its own PostgreSQL with the service's
 * own migrations; every earlier question is in the probed domain (the worst case for the domain filter).
 * Probes are half paraphrases of stored questions (must be found) and half new ones (must not).
 */
public final class DuplicatesBenchmark implements Benchmark {

    private static final double THRESHOLD = QuestionSimilarity.DEFAULT_THRESHOLD;
    private static final int CANDIDATES = 50;
    private static final String DOMAIN = "medicine";

    @Override
    public String name() {
        return "duplicates";
    }

    @Override
    public String description() {
        return "qualification duplicate check: indexed lookup vs reading every earlier question, 100 to 100,000";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --sizes N,N,...    earlier questions at each measurement (100,1000,10000,100000)",
                "  --probes N         submissions checked per size, half paraphrases, half new (40)",
                "  --baseline-probes N  of them also checked the old way (20; 10 from 100,000 up)");
    }

    @Override
    public boolean needsStack() {
        return false;
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        int[] sizes = Arrays.stream(options.string("sizes", "100,1000,10000,100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).sorted().toArray();
        int probes = options.integer("probes", 40);
        int baselineProbes = options.integer("baseline-probes", 20);
        Random random = new Random(20261130);
        PromptGenerator prompts = new PromptGenerator(random);
        List<LatencyStats> indexed = new ArrayList<>();
        try (LocalPostgres postgres = LocalPostgres.startTemporary()) {
            postgres.ensureDatabase("qualification_bench");
            try (Connection c = postgres.connect("qualification_bench")) {
                migrate(c);
                List<String> stored = new ArrayList<>();
                for (int size : sizes) {
                    insertUpTo(c, stored, size, prompts);
                    try (Statement s = c.createStatement()) {
                        s.execute("analyze question");
                    }
                    List<String> probeTexts = new ArrayList<>();
                    for (int i = 0; i < probes; i++) {
                        probeTexts.add(i % 2 == 0 ? prompts.paraphrase(stored.get(random.nextInt(stored.size())))
                                : prompts.next());
                    }
                    int baselineCount = Math.min(probes, size >= 100_000 ? Math.min(10, baselineProbes) : baselineProbes);
                    long[] fast = new long[probes];
                    boolean[] fastVerdicts = new boolean[probes];
                    long candidatesRead = 0;
                    long fastStart = System.nanoTime();
                    for (int i = 0; i < probes; i++) {
                        long t = System.nanoTime();
                        Outcome outcome = indexedCheck(c, probeTexts.get(i));
                        fast[i] = System.nanoTime() - t;
                        fastVerdicts[i] = outcome.duplicate();
                        candidatesRead += outcome.candidates();
                    }
                    LatencyStats fastStats = LatencyStats.ofNanos(fast, 0, System.nanoTime() - fastStart);
                    long[] slow = new long[baselineCount];
                    int disagreements = 0;
                    long slowStart = System.nanoTime();
                    for (int i = 0; i < baselineCount; i++) {
                        long t = System.nanoTime();
                        boolean verdict = loadAllCheck(c, probeTexts.get(i));
                        slow[i] = System.nanoTime() - t;
                        if (verdict != fastVerdicts[i]) {
                            disagreements++;
                        }
                    }
                    LatencyStats slowStats = LatencyStats.ofNanos(slow, 0, System.nanoTime() - slowStart);
                    int paraphrasesFound = 0;
                    int newFlagged = 0;
                    for (int i = 0; i < probes; i++) {
                        if (i % 2 == 0 && fastVerdicts[i]) {
                            paraphrasesFound++;
                        } else if (i % 2 == 1 && fastVerdicts[i]) {
                            newFlagged++;
                        }
                    }
                    indexed.add(fastStats);
                    new ResultsTable(String.format(Locale.ROOT, "duplicate check with %,d earlier questions", size), "checks/s")
                            .row("indexed lookup (service)", fastStats)
                            .row("read every earlier (baseline)", slowStats)
                            .ratio("indexed / baseline", fastStats, slowStats)
                            .line(String.format(Locale.ROOT, "paraphrases found %d/%d, new ones flagged %d/%d, "
                                            + "verdicts differing from the baseline %d/%d, candidates compared %.1f a check",
                                    paraphrasesFound, (probes + 1) / 2, newFlagged, probes / 2, disagreements, baselineCount,
                                    candidatesRead / (double) probes))
                            .print(System.out);
                    if (disagreements > 0) {
                        throw new IllegalStateException("the indexed check missed a near-duplicate the measure finds");
                    }
                }
            }
        }
        System.out.println("== indexed duplicate check, p50 by earlier questions");
        for (int i = 0; i < sizes.length; i++) {
            System.out.printf(Locale.ROOT, "  %,9d earlier: p50 %7.2f ms  p99 %7.2f ms  (%.2fx the p50 at %,d)%n", sizes[i],
                    indexed.get(i).p50(), indexed.get(i).p99(), indexed.get(i).p50() / indexed.get(0).p50(), sizes[0]);
        }
    }

    /** What the service does on a submission: the candidates by index, then the measure on them. */
    private static Outcome indexedCheck(Connection c, String prompt) throws SQLException {
        QuestionSimilarity.Fingerprint f = QuestionSimilarity.fingerprint(prompt);
        long[] bands = DuplicateBands.of(DOMAIN, f);
        c.setAutoCommit(false);
        try {
            List<String> candidates;
            if (bands.length == 0) {
                candidates = prompts(c, DuplicateLookup.BARE_CANDIDATES, DOMAIN, f.numberKey(), CANDIDATES);
            } else {
                prompts(c, DuplicateLookup.USE_THE_INDEX);
                candidates = prompts(c, DuplicateLookup.CANDIDATES, DOMAIN, f.numberKey(), DuplicateBands.literal(bands), CANDIDATES);
            }
            c.commit();
            return new Outcome(best(f, candidates) >= THRESHOLD, candidates.size());
        } finally {
            c.setAutoCommit(true);
        }
    }

    private record Outcome(boolean duplicate, int candidates) {
    }

    /** What it did before: every earlier non-duplicate prompt read and compared. */
    private static boolean loadAllCheck(Connection c, String prompt) throws SQLException {
        QuestionSimilarity.Fingerprint f = QuestionSimilarity.fingerprint(prompt);
        List<String> all = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id, prompt from question where status <> 'DUPLICATE'")) {
            while (r.next()) {
                all.add(r.getString(2));
            }
        }
        return best(f, all) >= THRESHOLD;
    }

    private static double best(QuestionSimilarity.Fingerprint f, List<String> prompts) {
        double best = 0;
        for (String p : prompts) {
            best = Math.max(best, QuestionSimilarity.similarity(f, QuestionSimilarity.fingerprint(p)));
        }
        return best;
    }

    /** Runs one of the service's statements: its ordinal parameters ({@code ?1}) bound by number. */
    private static List<String> prompts(Connection c, String sql, Object... parameters) throws SQLException {
        Matcher m = Pattern.compile("\\?(\\d+)").matcher(sql);
        List<Integer> order = new ArrayList<>();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
        }
        try (PreparedStatement s = c.prepareStatement(m.replaceAll("?"))) {
            for (int i = 0; i < order.size(); i++) {
                s.setObject(i + 1, parameters[order.get(i) - 1]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                int column = r.getMetaData().getColumnCount();
                while (r.next()) {
                    out.add(r.getString(column));
                }
            }
            return out;
        }
    }

    private static void insertUpTo(Connection c, List<String> stored, int size, PromptGenerator prompts) throws SQLException {
        if (stored.size() >= size) {
            return;
        }
        long started = System.nanoTime();
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("insert into question (id, author_id, domain, prompt, answer_type, "
                + "reference_answer, rationale, status, min_failures, created_at, similarity_key, number_key, duplicate_bands) "
                + "values (?, ?, ?, ?, 'EXACT', 'x', 'r', 'NOT_STUMPING', 2, ?, ?, ?, cast(? as bigint[]))")) {
            int batch = 0;
            while (stored.size() < size) {
                String prompt = prompts.next();
                QuestionSimilarity.Fingerprint f = QuestionSimilarity.fingerprint(prompt);
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, UUID.randomUUID());
                insert.setString(3, DOMAIN);
                insert.setString(4, prompt);
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.setString(6, f.lookupKey());
                insert.setString(7, f.numberKey());
                insert.setString(8, DuplicateBands.literal(DuplicateBands.of(DOMAIN, f)));
                insert.addBatch();
                stored.add(prompt);
                if (++batch == 1000) {
                    insert.executeBatch();
                    batch = 0;
                }
            }
            insert.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        System.out.printf(Locale.ROOT, "[bench] %,d earlier questions stored (%.1f s)%n", size, (System.nanoTime() - started) / 1e9);
    }

    /** The service's own migrations (V1, V2, …), from its jar or classes directory, in version order. */
    private static void migrate(Connection c) throws IOException, SQLException, URISyntaxException {
        Path location = Path.of(QuestionSimilarity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String[]> scripts = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve("db/migration"))) {
                for (Path f : files.toList()) {
                    scripts.add(new String[] {f.getFileName().toString(), Files.readString(f)});
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (var entry : jar.stream().filter(e -> e.getName().startsWith("db/migration/")
                        && e.getName().endsWith(".sql")).toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        scripts.add(new String[] {entry.getName().substring("db/migration/".length()),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)});
                    }
                }
            }
        }
        scripts.sort(Comparator.comparingInt(s -> Integer.parseInt(s[0].substring(1, s[0].indexOf("__")))));
        try (Statement s = c.createStatement()) {
            for (String[] script : scripts) {
                s.execute(script[1]);
            }
        }
        System.out.println("[bench] schema: " + scripts.stream().map(s -> s[0]).toList());
    }

    /**
     * Prompts from a synthetic vocabulary (50,000 words of 4 to 10 letters) with a skewed word frequency (a few words are common, most rare, as
     * in real questions), 6 to 11 content words, one in five with a number.
     */
    static final class PromptGenerator {

        /** Letters drawn with English frequencies, so that words share trigrams about as much as real ones. */
        private static final String LETTERS = "eeeeeeeeeeeetttttttttaaaaaaaaoooooooiiiiiiinnnnnnnsssssshhhhhhrrrrrrddddlllluuucccmmmwwffggyyppbbvkjxqz";
        private static final String[] OPENERS = {"What is the", "Which", "How does the", "Why does the", "What explains the"};
        private final Random random;
        private final String[] vocabulary;

        PromptGenerator(Random random) {
            this.random = random;
            this.vocabulary = new String[50_000];
            java.util.Set<String> seen = new java.util.HashSet<>();
            int i = 0;
            while (i < vocabulary.length) {
                StringBuilder w = new StringBuilder();
                int length = 4 + random.nextInt(7);
                for (int k = 0; k < length; k++) {
                    w.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
                }
                if (seen.add(w.toString())) {
                    vocabulary[i++] = w.toString();
                }
            }
        }

        String next() {
            int n = 6 + random.nextInt(6);
            List<String> words = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // Skewed: the square of a uniform draw favours the start of the vocabulary.
                double u = random.nextDouble();
                words.add(vocabulary[(int) (u * u * vocabulary.length)]);
            }
            String number = random.nextInt(5) == 0 ? " at " + (1 + random.nextInt(500)) + " units" : "";
            return OPENERS[random.nextInt(OPENERS.length)] + " " + String.join(" ", words.subList(0, n / 2)) + " of "
                    + String.join(" ", words.subList(n / 2, n)) + number + "?";
        }

        /** The same content words and numbers in another order: a near-duplicate by the measure. */
        String paraphrase(String prompt) {
            String body = prompt.substring(0, prompt.length() - 1);
            for (String opener : OPENERS) {
                if (body.startsWith(opener + " ")) {
                    String[] halves = body.substring(opener.length() + 1).split(" of ", 2);
                    if (halves.length == 2) {
                        return opener + " " + halves[1] + " of " + halves[0] + "?";
                    }
                }
            }
            return "Tell me: " + prompt;
        }
    }
}

package dev.arbiter.task.session.signal.cohort;

import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.signal.GlanceRecord;
import dev.arbiter.task.session.signal.ReadingTime;
import dev.arbiter.task.session.signal.ReferenceReach;
import dev.arbiter.task.session.signal.SessionEvidence;
import dev.arbiter.task.session.signal.SessionEvidence.OwnText;
import dev.arbiter.task.session.signal.SessionEvidence.PastReach;
import dev.arbiter.task.session.signal.SessionEvidence.PastReading;
import dev.arbiter.task.session.signal.SessionEvidence.PeerSession;
import dev.arbiter.task.session.signal.SessionEvidence.PeerText;
import dev.arbiter.task.session.signal.SignalThresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic sessions for calibrating the signals: honest experts and the four kinds of cheating, as the
 * workbench would record them, deterministic for a seed ({@link #session(CheatKind, int)} depends only on
 * the seed, the kind and the index, so a cohort can be streamed and never held in memory).
 *
 * <p>Honest experts (see {@link #honest}) read at 180–700 words a minute (long responses skimmed at up to
 * 1,500), type with human rhythms and typos, come back to the responses while writing, quote them
 * (copied and pasted as {@code internal}), take the spell-checker's suggestions, switch tabs now and then
 * and sometimes come back with a short reference pasted from outside; some share an office network with
 * other experts, a few a family laptop. Cheaters behave like honest experts except for their cheat, and
 * read like them unless not reading is the cheat: see each kind's method for what it does and why.
 */
public final class CohortGenerator {

    static final List<String> FIELDS = List.of("rationale.accuracy", "rationale.helpfulness", "overall");
    private static final int ITEMS = 40;
    /**
     * How often a sentence of a rationale refers to the responses' own terms and wording: nearly always for
     * someone who read them (an expert, a model given them), seldom for someone who glanced at their first
     * screen, and then only to what was on it.
     */
    static final double EXPERT_REFERENCES = 0.8;
    static final double GLANCE_REFERENCES = 0.2;

    private final long seed;
    private final SyntheticText language;
    private final List<Item> items = new ArrayList<>();

    public CohortGenerator(long seed) {
        this.seed = seed;
        this.language = new SyntheticText(seed, 3_000);
        Random r = new Random(seed ^ 0x5EED);
        for (int i = 0; i < ITEMS; i++) {
            items.add(item(r));
        }
    }

    /** Responses short (100–400 words), medium (400–3,000) or long (3,000–20,000), and three honest peers' rationales. */
    private Item item(Random r) {
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        texts.put("prompt", language.prose(r, 20 + r.nextInt(80)));
        for (String label : List.of("A", "B")) {
            double size = r.nextDouble();
            int words = size < 0.4 ? 100 + r.nextInt(300) : size < 0.8 ? 400 + r.nextInt(2_600) : 3_000 + r.nextInt(17_000);
            texts.put(label, language.prose(r, words));
            counts.put(label, words);
        }
        List<String> peers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            peers.add(language.rationale(r, 150 + r.nextInt(550), SyntheticText.EXPERT_OPENERS, texts.get("A") + " " + texts.get("B"),
                    EXPERT_REFERENCES));
        }
        return new Item(Map.copyOf(texts), Map.copyOf(counts), List.copyOf(peers));
    }

    /** The {@code index}-th session of {@code kind}: the same every time for this generator's seed. */
    public Case session(CheatKind kind, int index) {
        Random r = new Random(seed * 31 + kind.ordinal() * 1_000_003L + index);
        int itemIndex = r.nextInt(items.size());
        Item item = items.get(itemIndex);
        // the expert's way of writing and their earlier sessions: drawn apart from the session's own randomness
        Random h = new Random((seed * 31 + kind.ordinal() * 1_000_003L + index) ^ 0x0A11_CE5L);
        Case c = switch (kind) {
            case HONEST -> honest(r, item, Voice.of(h, language));
            case MODEL_PASTE -> modelPaste(r, item);
            case SCRIPTED -> scripted(r, item);
            case SPEED_RUN -> speedRun(r, item, Grind.of(h, language));
            case SHARED_DEVICE -> sharedDevice(r, item);
        };
        return history(c, h, kind, itemIndex);
    }

    /** A generated session, with the variant of its kind that produced it. */
    public record Case(CheatKind kind, String variant, SessionEvidence evidence, Voice voice, Grind grind) {

        Case(CheatKind kind, String variant, SessionEvidence evidence) {
            this(kind, variant, evidence, null, null);
        }
    }

    // ---- the expert's other sessions (for self_template) ---------------------------------------------

    /**
     * How an honest expert writes across items: a few sentence openers of their own beside the common ones,
     * and, for half of them, a stock closing sentence they end many rationales with. The rest of each
     * rationale is about the item.
     */
    record Voice(List<String> openers, String closing) {

        static Voice of(Random h, SyntheticText language) {
            List<String> openers = new ArrayList<>(SyntheticText.EXPERT_OPENERS);
            for (int i = 0, n = 2 + h.nextInt(3); i < n; i++) {
                openers.add(language.prose(h, 3 + h.nextInt(4)).replace(".", ""));
            }
            String closing = h.nextBoolean() ? " " + language.prose(h, 6 + h.nextInt(7)) : "";
            return new Voice(List.copyOf(openers), closing);
        }

        /** A rationale about {@code read}: the part of the responses this expert has read so far. */
        String write(Random r, SyntheticText language, String read) {
            String text = language.rationale(r, 150 + r.nextInt(550), openers, read, EXPERT_REFERENCES);
            return closing.isEmpty() || r.nextDouble() < 0.3 ? text : text + closing;
        }
    }

    /**
     * How a speed-runner writes across the items they grind: most (four in five) keep a template for each
     * field (a generic rationale of 80–250 characters, the way one learns to answer fast) and adapt it a
     * little to each item: each word replaced with their own chance (2–35 %, so some barely touch it and
     * some rework it), and a term of what they saw put in at {@link #GLANCE_REFERENCES} a sentence: from the
     * first screens when they glanced, from anywhere in what they read on an item they read. The rest write a
     * new short rationale each time, which names what they saw as seldom.
     */
    record Grind(List<String> templates, double editRate, double habit) {

        static Grind of(Random h, SyntheticText language) {
            // how often they speed-run: a habit, not every time (some items they do read)
            double habit = 0.5 + h.nextDouble() * 0.5;
            if (h.nextDouble() < 0.2) {
                return new Grind(List.of(), 0, habit);
            }
            List<String> templates = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                templates.add(language.rationale(h, 80 + h.nextInt(170), SyntheticText.EXPERT_OPENERS, "", 0));
            }
            return new Grind(List.copyOf(templates), 0.02 + h.nextDouble() * 0.33, habit);
        }

        boolean templated() {
            return !templates.isEmpty();
        }

        /** Their short text on an item of which they saw {@code seen}. */
        String write(Random r, SyntheticText language, String seen, int field) {
            if (!templated()) {
                return language.rationale(r, 80 + r.nextInt(170), SyntheticText.EXPERT_OPENERS, seen, GLANCE_REFERENCES);
            }
            StringBuilder b = new StringBuilder();
            for (String w : templates.get(field % templates.size()).split(" ")) {
                boolean end = w.endsWith(".");
                String word = r.nextDouble() < editRate ? language.word(r) + (end ? "." : "") : w;
                b.append(b.length() == 0 ? "" : " ").append(word);
                if (end && r.nextDouble() < GLANCE_REFERENCES) {
                    b.append(" The ").append(language.reference(r, seen)).append('.');
                }
            }
            return b.toString();
        }
    }

    /**
     * The expert's earlier sessions on other items (within the window the finaliser looks at): two to twenty
     * for an honest expert or a cheat who mostly works, five to twenty for a speed-runner grinding through
     * items. Each is a whole session of this expert, generated the way they work (see {@link #earlier}) and
     * measured as the finaliser would have stored it: its final texts (for {@code self_template}), the
     * reading share its {@code reading_time} computed (for {@code reading_record}), how well its best-read response
     * was read before the first text (for {@code glance_record}) and how deep its text
     * refers into its responses (for {@code reference_record}). The expert's run is drawn
     * from the history's own randomness, so the evaluated session is the same whatever the history.
     */
    private Case history(Case c, Random h, CheatKind kind, int itemIndex) {
        int sessions = kind == CheatKind.SPEED_RUN ? 5 + h.nextInt(16) : 2 + h.nextInt(19);
        // a second account copies the first one's work most of the time, and now and then does its own
        double copies = kind == CheatKind.SHARED_DEVICE ? 0.6 + h.nextDouble() * 0.4 : 0;
        Voice ownVoice = kind == CheatKind.SHARED_DEVICE ? Voice.of(h, language) : c.voice();
        List<OwnText> own = new ArrayList<>();
        List<PastReading> record = new ArrayList<>();
        List<PastReach> reaches = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int other = (itemIndex + 1 + h.nextInt(items.size() - 1)) % items.size();
            Random p = new Random(h.nextLong());
            SessionEvidence past = earlier(c, p, items.get(other), copies, ownVoice);
            UUID sessionId = UUID.randomUUID();
            past.finalTexts().forEach((field, text) -> own.add(new OwnText(sessionId, itemId(other), field, text)));
            record.add(new PastReading(sessionId, ReadingTime.compute(past, SignalThresholds.DEFAULTS).value(),
                    GlanceRecord.firstRead(past, SignalThresholds.DEFAULTS)));
            ReferenceReach.Reach reach = ReferenceReach.measure(past);
            reaches.add(new PastReach(sessionId, reach.reachWords(), reach.longestResponseWords()));
        }
        SessionEvidence e = c.evidence();
        return new Case(c.kind(), c.variant(), new SessionEvidence(e.sessionId(), e.expertId(), e.kind(), e.wallMillis(),
                e.events(), e.responses(), e.finalTexts(), e.deviceId(), e.clientAddress(), e.deviceSharers(), e.peerTexts(),
                itemId(itemIndex), List.copyOf(own), List.copyOf(record), List.copyOf(reaches)), c.voice(), c.grind());
    }

    /**
     * One earlier session of the expert on {@code item}, worked the way this kind works. An honest expert:
     * as in {@link #honest} (their voice, the odd quick read, tab switch or reference, whatever the item's
     * length). A model-paste or scripted cheat: the same cheat (they read, then fetch a model's text). A
     * speed-runner: speed-runs at their own habit's rate (half the time to always), and on the other items
     * reads like an expert before typing their usual short text. A shared-device account: copies the other
     * account's work on that item as in {@link #sharedDevice} most of the time, and now and then does its own
     * work honestly; the same person behind both accounts does not make the second account's texts alike
     * across items, because what the second account is for is copying the first one's work item by item.
     */
    private SessionEvidence earlier(Case c, Random p, Item item, double copies, Voice ownVoice) {
        return switch (c.kind()) {
            case HONEST -> honest(p, item, c.voice()).evidence();
            case MODEL_PASTE -> modelPaste(p, item).evidence();
            case SCRIPTED -> scripted(p, item).evidence();
            case SPEED_RUN -> p.nextDouble() < c.grind().habit() ? speedRun(p, item, c.grind()).evidence()
                    : readsThenGrinds(p, item, c.grind());
            case SHARED_DEVICE -> p.nextDouble() < copies ? sharedDevice(p, item).evidence()
                    : honest(p, item, ownVoice).evidence();
        };
    }

    /**
     * A speed-runner on an item they do read: reads like an expert, then types their usual short text, which
     * names (as seldom as ever) something from anywhere in what they read.
     */
    private SessionEvidence readsThenGrinds(Random r, Item item, Grind grind) {
        SessionScript s = new SessionScript(r, item);
        Typist typist = Typist.human(r);
        Read read = readLikeAnExpert(s, r);
        List<String> fields = fields(r).subList(0, 1 + r.nextInt(2));
        for (int f = 0; f < fields.size(); f++) {
            s.type(fields.get(f), grind.write(r, language, read.text(item), f), typist);
        }
        s.submit();
        return s.evidence(UUID.randomUUID(), List.of(), peers(item));
    }

    /** A stable id for the cohort's {@code index}-th item. */
    static UUID itemId(int index) {
        return new UUID(0x17E4L, index);
    }

    // ---- honest ----------------------------------------------------------------------------------

    private Case honest(Random r, Item item, Voice voice) {
        SessionScript s = new SessionScript(r, item);
        Typist typist = Typist.human(r);
        String variant = "plain";
        // one in five writes as they go: reads A, writes the first field, then reads B
        boolean asTheyGo = r.nextDouble() < 0.2;
        Read read;
        if (asTheyGo) {
            read = new Read(false, new LinkedHashMap<>(Map.of("A", readOne(s, r, "A"))));
            variant = "writes as they go";
        } else {
            read = readLikeAnExpert(s, r);
            variant = read.quick() ? "a quick read" : variant;
        }
        boolean citation = r.nextDouble() < 0.12;
        List<String> fields = fields(r);
        for (int f = 0; f < fields.size(); f++) {
            String field = fields.get(f);
            if (asTheyGo && f == 1) {
                read.coverage().put("B", readOne(s, r, "B"));
            }
            // they write about what they have read: terms from anywhere in it, never from a part they did not reach
            String text = voice.write(r, language, read.text(item));
            int split = text.length() / 2;
            s.type(field, text.substring(0, split), typist);
            if (r.nextDouble() < 0.4) {
                quote(s, r, field, read);
            }
            if (r.nextDouble() < 0.3) {
                lookBack(s, r, read);
            }
            if (r.nextDouble() < 0.15) {
                s.away(5_000 + r.nextInt(85_000)); // the odd tab switch, then back to typing
                s.pause(2_000 + r.nextInt(10_000));
            }
            if (citation && f == 0) {
                s.away(10_000 + r.nextInt(60_000)); // looks something up and pastes the reference
                s.pause(1_000 + r.nextInt(5_000));
                s.paste(field, " (" + language.prose(r, 4 + r.nextInt(20)) + ") ", PasteSource.EXTERNAL);
                variant = "pastes a reference";
            }
            s.type(field, text.substring(split), typist);
            if (r.nextDouble() < 0.3) {
                s.autocorrect(field);
            }
        }
        s.submit();
        List<PeerSession> sharers = new ArrayList<>();
        double place = r.nextDouble();
        if (place < 0.25) {
            sharers.add(new PeerSession(UUID.randomUUID(), UUID.randomUUID(), false, true)); // an office or campus network
        } else if (place < 0.28) {
            sharers.add(new PeerSession(UUID.randomUUID(), UUID.randomUUID(), true, true)); // a family laptop
            variant = "shares a laptop";
        }
        return new Case(CheatKind.HONEST, variant, s.evidence(UUID.randomUUID(), sharers, peers(item)), voice, null);
    }

    /**
     * What an expert has read of each response: the share from the top ({@code coverage}, by label); {@code quick}
     * on the odd quick read.
     */
    record Read(boolean quick, Map<String, Double> coverage) {

        /** The part of each response read, one after the other: what a text written now can refer to. */
        String text(Item item) {
            StringBuilder b = new StringBuilder();
            coverage.forEach((label, share) -> b.append(readPart(item, label, share)).append(' '));
            return b.toString();
        }
    }

    /**
     * Reads both responses: at 180–700 words a minute, long ones (over 3,000 words) skimmed at 500–1,500,
     * one in five readers stopping at 70–100 % of a response; and on one item in ten, the odd quick read:
     * an item that looked easy skimmed at 1,200–3,000 words a minute (long ones too).
     */
    private static Read readLikeAnExpert(SessionScript s, Random r) {
        double wpm = 180 + r.nextDouble() * 520;
        boolean quick = r.nextDouble() < 0.1;
        double quickWpm = 1_200 + r.nextDouble() * 1_800;
        Map<String, Double> coverages = new LinkedHashMap<>();
        for (String label : List.of("A", "B")) {
            double rate = quick ? quickWpm : s.item.words(label) > 3_000 ? 500 + r.nextDouble() * 1_000 : wpm;
            double coverage = r.nextDouble() < 0.2 ? 0.7 + r.nextDouble() * 0.3 : 1;
            s.read(label, rate, coverage, 200 + r.nextInt(150));
            coverages.put(label, coverage);
        }
        return new Read(quick, coverages);
    }

    /** Reads one response as {@link #readLikeAnExpert} reads each; the share of it read. */
    private static double readOne(SessionScript s, Random r, String label) {
        double rate = s.item.words(label) > 3_000 ? 500 + r.nextDouble() * 1_000 : 180 + r.nextDouble() * 520;
        double coverage = r.nextDouble() < 0.2 ? 0.7 + r.nextDouble() * 0.3 : 1;
        s.read(label, rate, coverage, 200 + r.nextInt(150));
        return coverage;
    }

    /** The first {@code coverage} of the response {@code label}, whole words. */
    static String readPart(Item item, String label, double coverage) {
        String response = item.response(label);
        if (coverage >= 1) {
            return response;
        }
        int keep = (int) Math.round(item.words(label) * coverage);
        int at = 0;
        for (int w = 0; w < keep && at >= 0; w++) {
            at = response.indexOf(' ', at + 1);
        }
        return at < 0 ? response : response.substring(0, at);
    }

    /** Scrolls back to a passage of a response, within what they read, and reads it again. */
    private static void lookBack(SessionScript s, Random r, Read read) {
        String label = r.nextBoolean() ? "A" : "B";
        double upTo = read.coverage().getOrDefault(label, 0.0);
        if (upTo <= 0) {
            return;
        }
        double from = r.nextDouble() * Math.max(0, upTo - 0.1);
        s.view(label, from, from + 0.1);
        s.pause(5_000 + r.nextInt(20_000));
    }

    /** Copies a passage of a response, within what they read, and pastes it (the workbench says {@code internal}). */
    private static void quote(SessionScript s, Random r, String field, Read read) {
        String label = r.nextBoolean() ? "A" : "B";
        if (!read.coverage().containsKey(label)) {
            label = read.coverage().keySet().iterator().next();
        }
        String response = readPart(s.item, label, read.coverage().get(label));
        int length = 40 + r.nextInt(Math.max(1, Math.min(260, response.length() - 41)));
        int start = r.nextInt(Math.max(1, response.length() - length));
        length = Math.min(length, response.length() - start);
        s.pause(2_000 + r.nextInt(6_000));
        s.copy(label, length);
        s.pause(500 + r.nextInt(2_000));
        s.paste(field, " \"" + response.substring(start, start + length) + "\" ", PasteSource.INTERNAL);
    }

    // ---- (a) model-written text ----------------------------------------------------------------

    /**
     * Reads like an expert, copies both responses, leaves for the model (20–120 s), comes back and pastes
     * its rationale into each field within seconds (one in six claims the paste is {@code internal}), then
     * touches it up by hand: some typing, sometimes a spell-checker fix. A model in another tab or window
     * means leaving the page, which is why this kind shows in two families.
     */
    private Case modelPaste(Random r, Item item) {
        SessionScript s = new SessionScript(r, item);
        Typist typist = Typist.human(r);
        readLikeAnExpert(s, r);
        s.copy("A", item.response("A").length());
        s.copy("B", item.response("B").length());
        s.away(20_000 + r.nextInt(100_000));
        boolean forged = r.nextInt(6) == 0;
        List<String> fields = fields(r);
        for (String field : fields) {
            s.pause(1_000 + r.nextInt(6_000));
            s.paste(field, language.rationale(r, 300 + r.nextInt(600), SyntheticText.MODEL_OPENERS, source(item),
                    EXPERT_REFERENCES),
                    forged ? PasteSource.INTERNAL : PasteSource.EXTERNAL);
        }
        for (String field : fields) {
            if (r.nextBoolean()) {
                s.type(field, " " + language.prose(r, 2 + r.nextInt(10)), typist);
            }
        }
        s.submit();
        return new Case(CheatKind.MODEL_PASTE, forged ? "claims internal" : "external", s.evidence(UUID.randomUUID(),
                List.of(), peers(item)));
    }

    // ---- (b) scripted typing ----------------------------------------------------------------------

    /**
     * Reads like an expert, copies the responses, gets a rationale from a model (20–120 s away) and
     * has a script put it in the fields 2–10 s after coming back, in one of three ways: filled at once,
     * typed by machine (8–40 ms a character) with no keystrokes, or typed with fake keystrokes at a human
     * pace (90–200 ms) but metronome-regular (±3–15 %). A script that imitated human jitter as well
     * would pass {@code inhuman_typing}; it is not in the cohort because no signal here could tell it.
     */
    private Case scripted(Random r, Item item) {
        SessionScript s = new SessionScript(r, item);
        readLikeAnExpert(s, r);
        s.copy("A", item.response("A").length());
        s.copy("B", item.response("B").length());
        s.away(20_000 + r.nextInt(100_000));
        s.pause(2_000 + r.nextInt(8_000));
        int way = r.nextInt(3);
        for (String field : fields(r)) {
            String text = language.rationale(r, 300 + r.nextInt(600), SyntheticText.MODEL_OPENERS, source(item),
                    EXPERT_REFERENCES);
            switch (way) {
                case 0 -> s.inject(field, text, text.length(), 300);
                case 1 -> s.inject(field, text, 1, 8 + r.nextInt(33));
                default -> s.scriptKeys(field, text, 90 + r.nextInt(110), 0.03 + r.nextDouble() * 0.12);
            }
            s.pause(500 + r.nextInt(3_000));
        }
        s.submit();
        String variant = switch (way) {
            case 0 -> "filled at once";
            case 1 -> "machine-typed, no keys";
            default -> "fake regular keys";
        };
        return new Case(CheatKind.SCRIPTED, variant, s.evidence(UUID.randomUUID(), List.of(), peers(item)));
    }

    // ---- (c) speed-running --------------------------------------------------------------------------

    /**
     * Glances at the first screen of each response (1–5 s), half of them also flick through at 0.3–2 s a
     * screen, then type a short rationale (one or two fields, 80–250 characters) by hand with human
     * rhythm, and submit. Nothing but the reading is odd: one family.
     */
    private Case speedRun(Random r, Item item, Grind grind) {
        SessionScript s = new SessionScript(r, item);
        Typist typist = Typist.human(r);
        boolean flicks = r.nextBoolean();
        for (String label : List.of("A", "B")) {
            s.view(label, 0, Math.min(1, 300.0 / item.words(label)));
            s.pause(1_000 + r.nextInt(4_000));
            if (flicks) {
                s.read(label, 300.0 / (0.3 + r.nextDouble() * 1.7) * 60, 1, 300);
            }
        }
        List<String> fields = fields(r).subList(0, 1 + r.nextInt(2));
        for (int f = 0; f < fields.size(); f++) {
            s.type(fields.get(f), grind.write(r, language, firstScreens(item), f), typist);
        }
        s.submit();
        String variant = (flicks ? "flicks through" : "glances") + (grind.templated() ? ", a template" : ", new text");
        return new Case(CheatKind.SPEED_RUN, variant, s.evidence(UUID.randomUUID(), List.of(), peers(item)), null, grind);
    }

    // ---- (d) two accounts on one device -----------------------------------------------------------

    /**
     * The second of two accounts one person runs on one laptop, on an item the first account already did:
     * the point of a second account is to be paid twice for one piece of work. So it does not read again
     * (it glances, like a speed-runner) and reuses the first account's rationale, lightly edited (about a
     * word in forty changed): pasted from the other account's window (blur, paste) or typed again by hand.
     * The device match and the near copy are one family (identity and content); not reading again is the
     * second, and pasting from the other window a third. Two accounts on one laptop that each do their own
     * work honestly (a family) are in the honest cohort and must not be flagged.
     */
    private Case sharedDevice(Random r, Item item) {
        SessionScript s = new SessionScript(r, item);
        Typist typist = Typist.human(r);
        UUID me = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID otherSession = UUID.randomUUID();
        String theirs = language.rationale(r, 250 + r.nextInt(500), SyntheticText.EXPERT_OPENERS, source(item),
                EXPERT_REFERENCES);
        for (String label : List.of("A", "B")) {
            s.view(label, 0, Math.min(1, 300.0 / item.words(label)));
            s.pause(2_000 + r.nextInt(6_000));
        }
        String mine = lightlyEdited(r, theirs);
        boolean pastes = r.nextBoolean();
        String field = FIELDS.get(0);
        if (pastes) {
            s.away(5_000 + r.nextInt(25_000));
            s.pause(1_000 + r.nextInt(4_000));
            s.paste(field, mine, PasteSource.EXTERNAL);
        } else {
            s.type(field, mine, typist);
        }
        s.submit();
        List<PeerText> peers = new ArrayList<>(peers(item));
        peers.add(new PeerText(otherSession, other, field, theirs));
        List<PeerSession> sharers = List.of(new PeerSession(otherSession, other, true, true));
        return new Case(CheatKind.SHARED_DEVICE, pastes ? "pastes the other account's text" : "retypes it",
                s.evidence(me, sharers, peers));
    }

    /** About one word in forty replaced. */
    String lightlyEdited(Random r, String text) {
        String[] words = text.split(" ");
        int edits = Math.max(1, words.length / 40);
        for (int i = 0; i < edits; i++) {
            int w = r.nextInt(words.length);
            words[w] = language.word(r);
        }
        return String.join(" ", words);
    }

    // ---- shared ------------------------------------------------------------------------------------

    /** Two or three of the job's fields. */
    private static List<String> fields(Random r) {
        return r.nextInt(3) == 0 ? FIELDS.subList(0, 2) : FIELDS;
    }

    static String source(Item item) {
        return item.response("A") + " " + item.response("B");
    }

    /** What a glance shows: the first screen (300 words) of each response. */
    static String firstScreens(Item item) {
        StringBuilder b = new StringBuilder();
        for (String label : List.of("A", "B")) {
            String[] words = item.response(label).split("\\s+", 301);
            b.append(String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(300, words.length)))).append(' ');
        }
        return b.toString();
    }

    private static List<PeerText> peers(Item item) {
        List<PeerText> out = new ArrayList<>();
        for (String text : item.peerRationales()) {
            out.add(new PeerText(UUID.randomUUID(), UUID.randomUUID(), FIELDS.get(0), text));
        }
        return out;
    }
}

package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Context;
import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.Scope;
import dev.spectron.api.Source;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.KeyRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContextBuilderTest {
    private static final EngineConfig CONFIG = EngineConfig.defaults()
            .withContextThresholds(0.7, 0.6).withImpersonalContextThresholds(0.7, 0.6);
    private static final Instant AT = Instant.parse("2023-05-08T13:56:00Z");

    private static Context build(String query, List<Candidate> candidates,
            List<Hit> instructions, int maxTokens) {
        return build(query, candidates, instructions, List.of(), maxTokens);
    }

    private static Context build(String query, List<Candidate> candidates,
            List<Hit> instructions, List<Hit> uncertainties, int maxTokens) {
        Relevance relevance = Relevance.of(query, Scope.of("user", "alice"), candidates,
                KeyRegistry.builtIn(), CONFIG);
        return new ContextBuilder().build(relevance, candidates, instructions, uncertainties,
                maxTokens);
    }

    @Test
    void build_nothingRelevant_isExactlyEmpty() {
        Context context = build("What is the capital of France?", List.of(candidate("a", 0.5),
                candidate("b", 0.65)), List.of(), 1000);
        assertThat(context.formatted()).isEqualTo("");
        assertThat(context.items()).isEmpty();
        assertThat(context.tier()).isEqualTo("none");
    }

    @Test
    void build_similarOrSharedContentWord_entersWithDate() {
        Context context = build("Tell me about apples.", List.of(
                turn("a", "alice: I like pears", 0.75), turn("b", "alice: an apple a day", 0.62),
                turn("c", "alice: pears all day", 0.62)), List.of(), 1000);
        assertThat(context.items()).extracting(Hit::id).containsExactly("a", "b");
        assertThat(context.formatted()).startsWith(ContextBuilder.TURNS_HEADING)
                .contains("\n[8 May 2023]\n- alice: I like pears\n- alice: an apple a day");
    }

    @Test
    void build_onlyStopWordsShared_needsTheHigherThreshold() {
        // "what", "is", "her" are in every question; they are no evidence.
        Context context = build("what is her text?", List.of(turn("a", "alice: what is her b",
                0.65)), List.of(), 1000);
        assertThat(context.formatted()).isEmpty();
    }

    @Test
    void build_tinyBudget_keepsItemsThatFitAndMatchesText() {
        List<Candidate> many = List.of(candidate("a", 0.9), candidate("b", 0.9),
                candidate("c", 0.9));
        String two = ContextBuilder.TURNS_HEADING
                + "\n[8 May 2023]\n- alice: text a\n- alice: text b";
        // Each line is counted with its line break, so the two cost one token more than their
        // text; a third line needs several more.
        int budget = Tokens.of(two) + 1;
        Context context = build("text", many, List.of(), budget);
        assertThat(context.formatted()).isEqualTo(two);
        assertThat(Tokens.of(context.formatted())).isLessThanOrEqualTo(budget);
        assertThat(context.items()).extracting(Hit::id).containsExactly("a", "b");
    }

    @Test
    void build_countsRealTokens_notCharacters() {
        // 120 characters of Japanese: 30 tokens by the characters / 4 rule, about 100 for a model.
        String japanese = "alice: text " + "今日は東京の小さな喫茶店で友達と会って、新しい仕事の話をしました。".repeat(4);
        Context context = build("text", List.of(turn("jp", japanese, 0.9)), List.of(), 60);
        assertThat(japanese.length() / 4).isLessThan(60);
        assertThat(context.items()).isEmpty();
        assertThat(context.formatted()).isEmpty();
        Context roomy = build("text", List.of(turn("jp", japanese, 0.9)), List.of(), 400);
        assertThat(roomy.items()).extracting(Hit::id).containsExactly("jp");
        assertThat(Tokens.of(roomy.formatted())).isLessThanOrEqualTo(400);
    }

    @Test
    void build_textLongerWholeThanItsLines_dropsTheLastItem() {
        // A text ending in a line break and a space tokenizes one token longer after another line
        // than the two lines counted apart: the whole is what must fit.
        String[] lines = {ContextBuilder.TURNS_HEADING, "[8 May 2023]", "- alice: !",
            "- alice: \n "};
        int sumOfLines = 0;
        for (String line : lines) {
            sumOfLines += Tokens.of(line + "\n");
        }
        assertThat(Tokens.of(String.join("\n", lines))).isGreaterThan(sumOfLines);
        Context context = build("text", List.of(turn("a", "alice: !", 0.9),
                turn("b", "alice: \n ", 0.9)), List.of(), sumOfLines);
        assertThat(context.items()).extracting(Hit::id).containsExactly("a");
        assertThat(Tokens.of(context.formatted())).isLessThanOrEqualTo(sumOfLines);
    }

    @Test
    void build_wholeTextNeverExceedsTheBudget() {
        List<Candidate> lines = new ArrayList<>();
        String[] ends = {"!", "?", ".", "...", ":)", "", " 🙂", "\"", ")"};
        for (int i = 0; i < 40; i++) {
            lines.add(at(turn("t" + i, "alice: text number " + i + " about pottery" + ends[i
                    % ends.length], 0.9), "2023-05-" + (10 + i % 9) + "T10:00:00Z"));
        }
        for (int budget = 1; budget <= 400; budget += 7) {
            Context context = build("text", lines, List.of(), budget);
            assertThat(Tokens.of(context.formatted())).as("budget %d", budget)
                    .isLessThanOrEqualTo(budget);
            for (Hit item : context.items()) {
                assertThat(context.formatted()).contains(item.text());
            }
        }
    }

    @Test
    void build_turnsOfSeveralDays_oldestFirstUnderOneDateLineEach() {
        Candidate may9 = at(turn("late", "alice: text late", 0.9), "2023-05-09T10:00:00Z");
        Candidate may8a = at(turn("early", "alice: text early", 0.9), "2023-05-08T10:00:00Z");
        Candidate may8b = at(turn("early2", "alice: text early2", 0.9), "2023-05-08T11:00:00Z");
        Context context = build("text", List.of(may9, may8b, may8a), List.of(), 1000);
        assertThat(context.formatted()).isEqualTo(ContextBuilder.TURNS_HEADING
                + "\n[8 May 2023]\n- alice: text early\n- alice: text early2"
                + "\n[9 May 2023]\n- alice: text late");
        assertThat(context.items()).extracting(Hit::id).containsExactly("early", "early2", "late");
    }

    @Test
    void build_afterOneMemoryPassed_candidatesSharingAContentWordJoin() {
        Context context = build("Tell me about apples.", List.of(turn("a", "alice: apples", 0.9),
                turn("b", "alice: green apples", 0.0), turn("c", "alice: pears", 0.0)),
                List.of(), 1000);
        assertThat(context.items()).extracting(Hit::id).containsExactly("a", "b");
    }

    @Test
    void build_budgetBelowOneLine_isEmpty() {
        assertThat(build("text", List.of(candidate("a", 0.9)), List.of(), 5).formatted())
                .isEmpty();
    }

    @Test
    void build_instructionsAndNothingRelevant_isExactlyEmpty() {
        Context context = build("What is the capital of France?",
                List.of(candidate("a", 0.3), instructionCandidate("i1", 0.4)),
                List.of(instruction("i1")), 1000);
        assertThat(context.formatted()).isEqualTo("");
        assertThat(context.items()).isEmpty();
        assertThat(context.tier()).isEqualTo("none");
    }

    @Test
    void build_aMemoryPasses_bringsEveryActiveInstruction() {
        Context context = build("text", List.of(candidate("a", 0.9)),
                List.of(instruction("i1"), instruction("i2")), 1000);
        assertThat(context.items()).extracting(Hit::id).containsExactly("i1", "i2", "a");
        assertThat(context.formatted()).contains(ContextBuilder.INSTRUCTIONS_HEADING)
                .contains("- answer with i1").contains("- answer with i2");
    }

    @Test
    void build_onlyARelevantInstruction_entersAlone() {
        Context context = build("how should you answer?", List.of(candidate("a", 0.3),
                instructionCandidate("i1", 0.8), instructionCandidate("i2", 0.3)),
                List.of(instruction("i1"), instruction("i2")), 1000);
        assertThat(context.items()).extracting(Hit::id).containsExactly("i1");
        assertThat(context.formatted())
                .isEqualTo(ContextBuilder.INSTRUCTIONS_HEADING + "\n- answer with i1");
    }

    @Test
    void build_instructionNoLongerActive_staysOut() {
        Context context = build("how should you answer?",
                List.of(instructionCandidate("old", 0.9)), List.of(instruction("i1")), 1000);
        assertThat(context.formatted()).isEmpty();
    }

    @Test
    void build_memoryDoesNotFitTheBudget_instructionsDoNotEnterWithoutIt() {
        Hit longTurn = turn("a", "alice: " + "text ".repeat(100), 0.9).hit();
        Context context = build("text", List.of(new Candidate(longTurn, 0.9, true)),
                List.of(instruction("i1")), 20);
        assertThat(context.formatted()).isEmpty();
        assertThat(context.items()).isEmpty();
    }

    @Test
    void build_items_listExactlyWhatTheTextHoldsInOrder() {
        List<Candidate> candidates = new ArrayList<>(List.of(candidate("t", 0.9),
                fact("f", "alice — role: data engineer", 0.9)));
        Context context = build("text", candidates, List.of(instruction("i1")), 1000);
        assertThat(context.items()).extracting(Hit::id).containsExactly("f", "i1", "t");
        int at = -1;
        for (Hit item : context.items()) {
            int next = context.formatted().indexOf(ContextBuilder.itemLine(item));
            assertThat(next).isGreaterThan(at);
            at = next;
        }
    }

    @Test
    void build_tightBudget_choosesInRankOrderAcrossSections() {
        // The turn ranks first; the fact after it must not take its place because facts are
        // written first. The budget holds the heading, the date line and the turn; the fact's
        // section needs more.
        String turnOnly = ContextBuilder.TURNS_HEADING
                + "\n[8 May 2023]\n- alice: text that ranks first";
        Context context = build("text", List.of(turn("t", "alice: text that ranks first", 0.9),
                fact("f", "alice — role: data engineer who likes text", 0.9)), List.of(),
                Tokens.of(turnOnly) + 3);
        assertThat(context.formatted()).isEqualTo(turnOnly);
        assertThat(context.items()).extracting(Hit::id).containsExactly("t");
    }

    @Test
    void build_uncertaintyAboutAFactInTheContext_entersUnderItsHeading() {
        // The question shares no word with the uncertainty: it enters because it questions the
        // very fact the context states.
        Candidate window = new Candidate(new Hit("f", HitKind.ATTRIBUTE,
                "shop — return window: 30 days", 0.1, Optional.of("organization/shop"),
                new Source("document", "doc:d", Optional.empty(), Optional.empty(), Map.of()),
                AT, Optional.empty(), AT), 0.9, true);
        Hit conflict = conflict("organization/shop#return_window", "60 days", "30 days");
        Context context = build("How long can I send it back?", List.of(window), List.of(),
                List.of(conflict, conflict("person/alice#lives_in", "Porto", "Lisbon")), 1000);
        assertThat(context.items()).extracting(Hit::id).containsExactly("f",
                "organization/shop#return_window:60 days");
        assertThat(context.formatted()).isEqualTo(ContextBuilder.FACTS_HEADING
                + "\n- shop — return window: 30 days (since 8 May 2023)\n"
                + ContextBuilder.UNCERTAINTIES_HEADING + "\n- shop — return window: a "
                + "conversation says '60 days' but an authoritative source says '30 days'");
        assertThat(context.items().get(1).kind()).isEqualTo(HitKind.UNCERTAINTY);
    }

    @Test
    void build_uncertaintySharingAWordWithTheQuestion_entersBeforeThePastTurns() {
        Context context = build("What is the return window?", List.of(turn("t",
                "alice: I returned the boots", 0.9)), List.of(),
                List.of(conflict("organization/shop#return_window", "60 days", "30 days")),
                1000);
        assertThat(context.items()).extracting(Hit::kind)
                .containsExactly(HitKind.UNCERTAINTY, HitKind.TURN);
        assertThat(context.formatted()).startsWith(ContextBuilder.UNCERTAINTIES_HEADING
                + "\n- shop — return window: a conversation says '60 days'");
    }

    @Test
    void build_uncertaintyAboutSomethingElse_staysOut() {
        Context context = build("text", List.of(candidate("a", 0.9)), List.of(),
                List.of(conflict("organization/shop#return_window", "60 days", "30 days")),
                1000);
        assertThat(context.items()).extracting(Hit::id).containsExactly("a");
        assertThat(context.formatted()).doesNotContain(ContextBuilder.UNCERTAINTIES_HEADING);
    }

    @Test
    void build_manyUncertainties_theNewestFewEnter() {
        List<Hit> doubts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            doubts.add(conflict("organization/shop#return_window", i + "0 days", "30 days"));
        }
        Context context = build("What is the return window?", List.of(turn("t",
                "alice: I returned the boots", 0.9)), List.of(), doubts, 1000);
        assertThat(context.items()).filteredOn(h -> h.kind() == HitKind.UNCERTAINTY)
                .hasSize(ContextBuilder.MAX_UNCERTAINTIES);
        assertThat(context.formatted()).contains("'00 days'").contains("'20 days'")
                .doesNotContain("'30 days' but");
    }

    @Test
    void build_uncertaintyAndNothingRelevant_isExactlyEmpty() {
        // An open question alone is no memory: an off-topic question still leaves the prompt
        // as it was.
        Context context = build("What is the return window?", List.of(candidate("a", 0.3)),
                List.of(), List.of(conflict("organization/shop#return_window", "60 days",
                        "30 days")), 1000);
        assertThat(context.formatted()).isEqualTo("");
        assertThat(context.items()).isEmpty();
    }

    @Test
    void uncertaintyHit_lowConfidence_readsAsAPossibleValue() {
        Source said = new Source("turn", "turn:t", Optional.of("s"), Optional.of("t"), Map.of());
        Hit hit = Hydrator.uncertaintyHit(new Uncertainty("u", "low_confidence",
                "person/alice#lives_in", "confidence 0.3 is below the calibration floor 0.5",
                List.of(new Uncertainty.Candidate("Porto", said)), Scope.of("user", "alice"),
                false, AT, Optional.empty(), Optional.empty()));
        assertThat(hit.text())
                .isEqualTo("alice — lives in: possibly 'Porto' (said with low confidence)");
        assertThat(hit.entity()).contains("person/alice");
        assertThat(hit.source()).isEqualTo(said);
    }

    /** An authority conflict about {@code about}, its id {@code about:claimed}. */
    private static Hit conflict(String about, String claimed, String authoritative) {
        Source doc = new Source("document", "doc:d", Optional.empty(), Optional.empty(),
                Map.of());
        Source turn = new Source("turn", "turn:t", Optional.of("s"), Optional.of("t"), Map.of());
        return Hydrator.uncertaintyHit(new Uncertainty(about + ":" + claimed,
                "authority_conflict", about,
                "a conversation says '" + claimed + "' but an authoritative source says '"
                        + authoritative + "'",
                List.of(new Uncertainty.Candidate(authoritative, doc),
                        new Uncertainty.Candidate(claimed, turn)),
                Scope.of("org", "shop"), false, AT, Optional.empty(), Optional.empty()));
    }

    private static Candidate at(Candidate c, String instant) {
        Hit h = c.hit();
        return c.withHit(new Hit(h.id(), h.kind(), h.text(), h.score(), h.entity(), h.source(),
                java.time.Instant.parse(instant), h.validUntil(), h.createdAt()));
    }

    private static Candidate candidate(String id, double similarity) {
        return turn(id, "alice: text " + id, similarity);
    }

    private static Candidate turn(String id, String text, double similarity) {
        Hit hit = new Hit(id, HitKind.TURN, text, 0.1, Optional.empty(),
                new Source("turn", "turn:" + id, Optional.of("s"), Optional.of(id), Map.of()),
                AT, Optional.empty(), AT);
        return new Candidate(hit, similarity, true);
    }

    private static Candidate fact(String id, String text, double similarity) {
        Hit hit = new Hit(id, HitKind.ATTRIBUTE, text, 0.1, Optional.of("person/alice"),
                new Source("turn", "turn:x", Optional.of("s"), Optional.of("x"), Map.of()),
                AT, Optional.empty(), AT);
        return new Candidate(hit, similarity, true);
    }

    private static Hit instruction(String id) {
        return new Hit(id, HitKind.INSTRUCTION, "instruction: answer with " + id, 0,
                Optional.empty(), new Source("turn", "turn:" + id, Optional.of("s"),
                        Optional.of(id), Map.of()), AT, Optional.empty(), AT);
    }

    private static Candidate instructionCandidate(String id, double similarity) {
        return new Candidate(instruction(id), similarity, true);
    }
}

package dev.spectron.llm.openai;

import static dev.spectron.llm.openai.TestRequests.ACME;
import static dev.spectron.llm.openai.TestRequests.ALICE;
import static dev.spectron.llm.openai.TestRequests.assistant;
import static dev.spectron.llm.openai.TestRequests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spectron.api.SpectronException;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.ExtractedInstruction;
import dev.spectron.engine.spi.ExtractedInstruction.Action;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.Span;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LlmExtractorIT {
    private static final String ALICE_SAYS = "I work at Initech and I don't eat meat anymore. "
            + "I used to live in Paris. From now on, answer in metric units.";

    private static final String ALICE_ANSWER = """
            {"turns": {"1": {
              "facts": [
                {"subject": {"type": "person", "name": "I"}, "key": "employer",
                 "value": "Initech", "object": {"type": "organization", "name": "Initech"},
                 "polarity": "affirm", "tense": "current", "valid_from": null,
                 "valid_until": null, "confidence": 0.95, "evidence": "I work at Initech"},
                {"subject": {"type": "person", "name": "Alice"}, "key": "favourite food",
                 "value": "meat", "object": null, "polarity": "negate", "tense": "current",
                 "valid_from": null, "valid_until": null, "confidence": 0.9,
                 "evidence": "I don't eat meat anymore"},
                {"subject": {"type": "person", "name": "alice"}, "key": "home",
                 "value": "Paris", "object": {"type": "location", "name": "Paris"},
                 "polarity": "affirm", "tense": "past", "valid_from": null,
                 "valid_until": "2024-06-01", "confidence": 0.8,
                 "evidence": "I used to live in Paris"}
              ],
              "instructions": [
                {"action": "start", "text": "answer in metric units", "target": null,
                 "evidence": "From now on, answer in metric units."}
              ],
              "entities": [{"type": "organization", "name": "Initech"}]
            }}}
            """;

    private static FakeChatServer server;
    private LlmExtractor extractor;

    @BeforeAll
    static void startServer() throws IOException {
        server = FakeChatServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.reset();
        extractor = extractor(Duration.ofSeconds(5));
    }

    @AfterEach
    void closeExtractor() {
        extractor.close();
    }

    private static LlmExtractor extractor(Duration timeout) {
        LlmConfig config = LlmConfig.of(server.baseUrl(), "test-model").withApiKey("sk-local")
                .withTimeout(timeout);
        OpenAiCompatibleClient client =
                new OpenAiCompatibleClient(config, new RecordingSleeper(), Clock.systemUTC());
        return LlmExtractor.create(client, KeyRegistry.builtIn());
    }

    private static String answer(String... turns) {
        StringBuilder out = new StringBuilder("{\"turns\": {");
        for (int i = 0; i < turns.length; i++) {
            out.append(i == 0 ? "" : ", ").append('"').append(i + 1).append("\": ")
                    .append(turns[i]);
        }
        return out.append("}}").toString();
    }

    private static String turn(String facts, String instructions) {
        return "{\"facts\": [" + facts + "], \"instructions\": [" + instructions
                + "], \"entities\": []}";
    }

    private static String likes(String who, String what, String evidence) {
        return """
                {"subject": {"type": "person", "name": "%s"}, "key": "likes", "value": "%s",
                 "object": null, "polarity": "affirm", "tense": "current", "valid_from": null,
                 "valid_until": null, "confidence": 0.9, "evidence": "%s"}"""
                .formatted(who, what, evidence);
    }

    @Test
    void name_always_isLlm() {
        assertThat(extractor.name()).isEqualTo("llm");
    }

    @Test
    void extract_anyTurn_sendsModelSchemaKeyAndPromptContext() throws Exception {
        server.completion(answer(turn("", "")));

        extractor.extract(user("I like jazz.", ACME, EntityKey.of("project", "apollo")));

        FakeChatServer.Request request = server.take();
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-local");
        JsonNode body = request.json();
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        JsonNode format = body.path("response_format").path("json_schema");
        assertThat(format.path("name").asText()).isEqualTo("spectron_extraction");
        assertThat(format.path("strict").asBoolean()).isTrue();
        assertThat(format.path("schema").path("properties").path("turns").path("required"))
                .extracting(JsonNode::asText).containsExactly("1");
        String system = request.message("system");
        assertThat(system).contains("I/me/my = person/alice")
                .contains("we/us/our = organization/acme")
                .contains("you/your = other/helper")
                .contains("- organization/acme").contains("- project/apollo")
                .contains("works_at (one)").contains("likes (many)").contains("diet (one)");
        assertThat(request.message("user"))
                .contains("<turn number=\"1\" role=\"user\" said_at=\"2025-03-01T10:00:00Z\">")
                .contains("I like jazz.");
    }

    @Test
    void extract_scriptedAnswer_mapsRelationAttributeNegationAndPastTense() {
        server.completion(ALICE_ANSWER);

        Extraction extraction = extractor.extract(user(ALICE_SAYS));

        assertThat(extraction.facts()).hasSize(3);
        ExtractedFact works = extraction.facts().get(0);
        assertThat(works.subject()).isEqualTo(ALICE);
        assertThat(works.key()).isEqualTo("works_at");
        assertThat(works.object()).contains(EntityKey.of("organization", "initech"));
        assertThat(works.value()).isEqualTo("Initech");
        assertThat(works.span()).isEqualTo(new Span(0, "I work at Initech".length()));
        ExtractedFact meat = extraction.facts().get(1);
        assertThat(meat.isRelation()).isFalse();
        assertThat(meat.subject()).isEqualTo(ALICE);
        assertThat(meat.key()).isEqualTo("food_preference");
        assertThat(meat.value()).isEqualTo("meat");
        assertThat(meat.polarity()).isEqualTo(Polarity.NEGATE);
        assertThat(meat.confidence()).isEqualTo(0.9);
        ExtractedFact paris = extraction.facts().get(2);
        assertThat(paris.key()).isEqualTo("lives_in");
        assertThat(paris.object()).contains(EntityKey.of("location", "paris"));
        assertThat(paris.tense()).isEqualTo(Tense.PAST);
        assertThat(paris.validUntil()).contains(Instant.parse("2024-06-01T00:00:00Z"));
        int at = ALICE_SAYS.indexOf("I used to live in Paris");
        assertThat(paris.span()).isEqualTo(new Span(at, at + "I used to live in Paris".length()));
    }

    @Test
    void extract_scriptedAnswer_mapsInstructionAndNamedEntities() {
        server.completion(ALICE_ANSWER);

        Extraction extraction = extractor.extract(user(ALICE_SAYS));

        assertThat(extraction.instructions()).containsExactly(new ExtractedInstruction(
                "answer in metric units", Action.START, Optional.empty(),
                new Span(ALICE_SAYS.indexOf("From now on"), ALICE_SAYS.length())));
        assertThat(extraction.entities()).extracting(e -> e.key().address())
                .containsExactly("organization/initech", "person/alice", "location/paris");
        assertThat(extraction.entities().get(0).displayName()).isEqualTo("Initech");
    }

    @Test
    void extract_stopInstruction_keepsTargetToMatch() {
        String text = "Please stop replying so formally.";
        server.completion(answer(turn("", """
                {"action": "stop", "text": "reply formally", "target": "replying so formally",
                 "evidence": "stop replying so formally"}""")));

        Extraction extraction = extractor.extract(user(text));

        ExtractedInstruction stop = extraction.instructions().get(0);
        assertThat(stop.action()).isEqualTo(Action.STOP);
        assertThat(stop.target()).contains("replying so formally");
        assertThat(stop.span()).isEqualTo(new Span(7, text.length() - 1));
    }

    @Test
    void extractAll_threeTurns_sendsOneRequestAndSplitsAnswerByTurn() throws Exception {
        List<String> texts = List.of("I love hiking.", "Noted, you love hiking!",
                "Oh, and I like chess too.");
        server.completion(answer(turn(likes("I", "hiking", "I love hiking"), ""),
                turn("", ""), turn(likes("I", "chess", "I like chess"), "")));

        List<Extraction> out = extractor.extractAll(List.of(user(texts.get(0)),
                assistant(texts.get(1)), user(texts.get(2))));

        FakeChatServer.Request request = server.take();
        assertThat(server.pending()).isZero();
        assertThat(request.message("user")).contains("<turn number=\"1\" role=\"user\"",
                "<turn number=\"2\" role=\"assistant\"", "<turn number=\"3\" role=\"user\"",
                texts.get(0), texts.get(1), texts.get(2));
        assertThat(request.message("system")).contains(
                "turns 1, 3: I/me/my = person/alice", "turn 2: I/me/my = other/helper");
        assertThat(out).hasSize(3);
        assertThat(out.get(0).facts()).extracting(ExtractedFact::value).containsExactly("hiking");
        assertThat(out.get(1).facts()).isEmpty();
        assertThat(out.get(2).facts()).extracting(ExtractedFact::value).containsExactly("chess");
        assertThat(out.get(2).facts().get(0).span())
                .isEqualTo(new Span(8, 8 + "I like chess".length()));
    }

    @Test
    void extract_malformedItems_dropsThemAndKeepsTheRest() {
        String good = likes("I", "jazz", "I like jazz");
        String badConfidence = likes("I", "rock", "x").replace("0.9", "\"high\"");
        String badType = likes("I", "pop", "x").replace("\"person\"", "\"wizard\"")
                .replace("\"I\"", "\"Merlin\"");
        String badInstruction = "{\"action\": \"pause\", \"text\": \"x\", \"target\": null,"
                + " \"evidence\": \"x\"}";
        server.completion(answer(turn(good + ", 42, " + badConfidence + ", " + badType,
                badInstruction)));

        Extraction extraction = extractor.extract(user("I like jazz."));

        assertThat(extraction.facts()).extracting(ExtractedFact::value).containsExactly("jazz");
        assertThat(extraction.instructions()).isEmpty();
        assertThat(extractor.droppedItems()).isEqualTo(4);
    }

    @Test
    void extract_answerWithoutTurns_throwsBadResponse() {
        server.completion("{\"facts\": []}");

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> extractor.extract(user("I like jazz.")));

        assertThat(e.code()).isEqualTo("llm_bad_response");
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("\"turns\"");
    }

    @Test
    void extractAll_answerMissingATurn_throwsBadResponse() {
        server.completion(answer(turn("", "")));

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> extractor.extractAll(List.of(user("Hi."), user("I like jazz."))));

        assertThat(e.code()).isEqualTo("llm_bad_response");
        assertThat(e.getMessage()).contains("turn 2 of 2");
    }

    @Test
    void extract_garbageBody_throwsBadResponse() {
        server.answer(200, "Internal proxy says hello", Map.of(), Duration.ZERO);

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> extractor.extract(user("I like jazz.")));

        assertThat(e.code()).isEqualTo("llm_bad_response");
    }

    @Test
    void extract_persistent503_throwsUnavailable() {
        for (int i = 0; i <= LlmConfig.DEFAULT_MAX_RETRIES; i++) {
            server.error(503, "model is loading", Map.of());
        }

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> extractor.extract(user("I like jazz.")));

        assertThat(e.code()).isEqualTo("llm_unavailable");
        assertThat(e.status()).isEqualTo(503);
    }

    @Test
    void extract_answerAfterTimeout_throwsUnavailable() {
        server.slowCompletion(answer(turn("", "")), Duration.ofSeconds(3));
        LlmExtractor impatient = extractor(Duration.ofMillis(300));

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> impatient.extract(user("I like jazz.")));

        assertThat(e.code()).isEqualTo("llm_unavailable");
        assertThat(e.getMessage()).contains("did not answer within");
    }

    @Test
    void extractAll_blankTexts_returnsEmptyExtractionsWithoutCall() {
        List<Extraction> out = extractor.extractAll(List.of(user(" "), user("")));

        assertThat(out).containsExactly(Extraction.empty(), Extraction.empty());
        assertThat(server.pending()).isZero();
    }

    @Test
    void extractAll_noRequests_returnsEmptyListWithoutCall() {
        assertThat(extractor.extractAll(List.of())).isEmpty();
        assertThat(server.pending()).isZero();
    }
}

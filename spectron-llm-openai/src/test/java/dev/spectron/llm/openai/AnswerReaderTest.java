package dev.spectron.llm.openai;

import static dev.spectron.llm.openai.TestRequests.ACME;
import static dev.spectron.llm.openai.TestRequests.ALICE;
import static dev.spectron.llm.openai.TestRequests.HELPER;
import static dev.spectron.llm.openai.TestRequests.anonymous;
import static dev.spectron.llm.openai.TestRequests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.api.SpectronException;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.Span;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AnswerReader reader = new AnswerReader(KeyRegistry.builtIn());

    /** An answer for one turn holding {@code facts}, written with ' for ". */
    private static JsonNode oneTurn(String facts) throws IOException {
        return JSON.readTree(("{'turns': {'1': {'facts': [" + facts
                + "], 'instructions': [], 'entities': []}}}").replace('\'', '"'));
    }

    /** A fact in ' quotes; {@code subject} and {@code object} are JSON, the rest plain. */
    private static String fact(String subject, String key, String value, String object) {
        return ("{'subject': " + subject + ", 'key': '" + key + "', 'value': '" + value
                + "', 'object': " + object + ", 'polarity': 'affirm', 'tense': 'current',"
                + " 'valid_from': null, 'valid_until': null, 'confidence': 0.7,"
                + " 'evidence': 'x'}");
    }

    private static String entity(String type, String name) {
        return "{'type': '" + type + "', 'name': '" + name + "'}";
    }

    private AnswerReader.Result read(String facts, ExtractionRequest request) throws IOException {
        return reader.read(oneTurn(facts), List.of(request));
    }

    @Test
    void read_pronouns_mapToSelfGroupAndAddressee() throws IOException {
        AnswerReader.Result result = read(fact(entity("person", "me"), "likes", "tea", "null")
                + "," + fact(entity("organization", "we"), "office_hours", "9-5", "null")
                + "," + fact(entity("other", "You"), "name", "Helper", "null"), user("x"));

        assertThat(result.extractions().get(0).facts()).extracting(ExtractedFact::subject)
                .containsExactly(ALICE, ACME, HELPER);
    }

    @Test
    void read_pronounWithoutKnownSelf_dropsTheFact() throws IOException {
        AnswerReader.Result result = read(fact(entity("person", "I"), "likes", "tea", "null"),
                anonymous("I like tea."));

        assertThat(result.extractions().get(0).facts()).isEmpty();
        assertThat(result.dropped()).singleElement().asString()
                .startsWith("turns.1.facts[0]: subject is 'I'");
    }

    @Test
    void read_synonymKeyAndSpacedName_isCanonicalAndNormalised() throws IOException {
        AnswerReader.Result result = read(fact(entity("person", "  Bob   Smith "),
                "Favourite Film", "Alien", "null"), user("x"));

        ExtractedFact fact = result.extractions().get(0).facts().get(0);
        assertThat(fact.subject()).isEqualTo(EntityKey.of("person", "bob smith"));
        assertThat(fact.key()).isEqualTo("favorite_movie");
        assertThat(result.extractions().get(0).entities().get(0).displayName())
                .isEqualTo("Bob   Smith");
    }

    @Test
    void read_knownNameUnderOtherType_reusesKnownEntity() throws IOException {
        EntityKey apollo = EntityKey.of("project", "apollo");
        AnswerReader.Result result = read(fact(entity("person", "me"), "member_of", "Apollo",
                entity("organization", "Apollo")), user("x", apollo));

        assertThat(result.extractions().get(0).facts().get(0).object()).contains(apollo);
    }

    @Test
    void read_relationLabelWithoutObject_dropsTheFact() throws IOException {
        AnswerReader.Result result = read(fact(entity("person", "me"), "lives_in", "Oslo",
                "null"), user("x"));

        assertThat(result.extractions().get(0).facts()).isEmpty();
        assertThat(result.dropped()).singleElement().asString()
                .contains("relation label but object is null");
    }

    @Test
    void read_attributeKeyWithObject_becomesAttribute() throws IOException {
        AnswerReader.Result result = read(fact(entity("person", "me"), "likes", "",
                entity("topic", "Jazz")), user("x"));

        ExtractedFact fact = result.extractions().get(0).facts().get(0);
        assertThat(fact.isRelation()).isFalse();
        assertThat(fact.value()).isEqualTo("Jazz");
    }

    @Test
    void read_unknownKeyWithObject_isRelationWithObjectNameAsValue() throws IOException {
        AnswerReader.Result result = read(fact(entity("person", "me"), "Mentored By", "",
                entity("person", "Dr. Ada Lee")), user("x"));

        ExtractedFact fact = result.extractions().get(0).facts().get(0);
        assertThat(fact.key()).isEqualTo("mentored_by");
        assertThat(fact.object()).contains(EntityKey.of("person", "dr. ada lee"));
        assertThat(fact.value()).isEqualTo("Dr. Ada Lee");
    }

    @Test
    void read_datesAndChangeTense_areRead() throws IOException {
        String changed = fact(entity("person", "me"), "role", "CTO", "null")
                .replace("'current'", "'change'")
                .replace("'valid_from': null", "'valid_from': '2024-05'");

        ExtractedFact fact = read(changed, user("x")).extractions().get(0).facts().get(0);

        assertThat(fact.tense()).isEqualTo(Tense.CHANGE);
        assertThat(fact.validFrom()).contains(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(fact.validUntil()).isEmpty();
    }

    @Test
    void read_badItems_areDroppedWithPathAndReason() throws IOException {
        String ok = fact(entity("person", "me"), "likes", "tea", "null");
        AnswerReader.Result result = read(String.join(",", ok,
                ok.replace("0.7", "1.5"),
                ok.replace("'affirm'", "'maybe'"),
                ok.replace("'valid_until': null", "'valid_until': 'next week'"),
                ok.replace("'likes'", "'!!'"),
                ok.replace("'subject': {'type': 'person', 'name': 'me'}", "'subject': 'me'"),
                "'just text'"), user("x"));

        assertThat(result.extractions().get(0).facts()).hasSize(1);
        assertThat(result.dropped()).containsExactly(
                "turns.1.facts[1]: confidence must be between 0 and 1, got 1.5",
                "turns.1.facts[2]: polarity must be one of affirm, negate, got \"maybe\"",
                "turns.1.facts[3]: valid_until must be YYYY-MM-DD, got 'next week'",
                "turns.1.facts[4]: key '!!' has no letters or digits",
                "turns.1.facts[5]: subject must be an object {type, name}",
                "turns.1.facts[6]: must be a fact object, got \"just text\"");
    }

    @Test
    void read_unknownTurnNumber_isDroppedAndKnownTurnsRead() throws IOException {
        JsonNode answer = JSON.readTree(("{'turns': {'1': {'facts': [], 'instructions': []},"
                + " '7': {'facts': [], 'instructions': []}}}").replace('\'', '"'));

        AnswerReader.Result result = reader.read(answer, List.of(user("x")));

        assertThat(result.extractions()).hasSize(1);
        assertThat(result.dropped()).containsExactly("turns.7: there is no such turn");
    }

    @Test
    void read_factsNotAList_throwsBadResponse() throws IOException {
        JsonNode answer = JSON.readTree(
                "{\"turns\": {\"1\": {\"facts\": {}, \"instructions\": []}}}");

        assertThatThrownBy(() -> reader.read(answer, List.of(user("x"))))
                .isInstanceOfSatisfying(SpectronException.class,
                        e -> assertThat(e.code()).isEqualTo("llm_bad_response"))
                .hasMessageContaining("turns.1.facts that is not a list");
    }

    @Test
    void read_missingInstructions_throwsBadResponse() throws IOException {
        JsonNode answer = JSON.readTree("{\"turns\": {\"1\": {\"facts\": []}}}");

        assertThatThrownBy(() -> reader.read(answer, List.of(user("x"))))
                .isInstanceOf(SpectronException.class)
                .hasMessageContaining("\"instructions\"");
    }

    @Test
    void read_instructionWithoutEvidence_spansWholeText() throws IOException {
        JsonNode answer = JSON.readTree(("{'turns': {'1': {'facts': [], 'instructions': [{"
                + "'action': 'START', 'text': 'use metric units', 'target': 'ignored'}]}}}")
                .replace('\'', '"'));
        String text = "Metric, please, always.";

        var instruction = reader.read(answer, List.of(user(text))).extractions().get(0)
                .instructions().get(0);

        assertThat(instruction.span()).isEqualTo(new Span(0, text.length()));
        assertThat(instruction.target()).isEqualTo(Optional.empty());
    }
}

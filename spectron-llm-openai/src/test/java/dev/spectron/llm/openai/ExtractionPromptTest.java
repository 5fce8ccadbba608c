package dev.spectron.llm.openai;

import static dev.spectron.llm.openai.TestRequests.anonymous;
import static dev.spectron.llm.openai.TestRequests.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Role;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import dev.spectron.llm.openai.OpenAiCompatibleClient.Message;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExtractionPromptTest {
    private static final KeyCatalog KEYS = KeyCatalog.of(KeyRegistry.builtIn());

    @Test
    void messages_oneRequest_isOneSystemAndOneUserMessage() {
        List<Message> messages = ExtractionPrompt.messages(List.of(user("Hello.")), KEYS);

        assertThat(messages).extracting(Message::role).containsExactly("system", "user");
    }

    @Test
    void system_noKnownSelf_saysPronounsReferToNobody() {
        String system = ExtractionPrompt.system(List.of(anonymous("I like tea.")), KEYS);

        assertThat(system).contains("turn 1: I/me/my = nobody known; we/us/our = nobody known;"
                + " you/your = nobody known");
        assertThat(system).doesNotContain("Known entities");
    }

    @Test
    void system_manyKnownEntities_listsAtMostTheCap() {
        EntityKey[] known = IntStream.range(0, 500)
                .mapToObj(i -> EntityKey.of("person", "p" + i)).toArray(EntityKey[]::new);

        String system = ExtractionPrompt.system(List.of(user("x", known)), KEYS);

        assertThat(system).contains("- person/p199").doesNotContain("- person/p200");
    }

    @Test
    void turns_speakerAndDocument_areShownInTheHeader() {
        ExtractionRequest named = new ExtractionRequest("We open at 9.", Role.USER,
                Optional.of("Bob \"the boss\""), Optional.empty(), Optional.empty(),
                Optional.empty(), TestRequests.SCOPE, TestRequests.SAID_AT, List.of(), true);

        String turns = ExtractionPrompt.turns(List.of(named));

        assertThat(turns).startsWith("<turn number=\"1\" role=\"document\""
                + " speaker=\"Bob 'the boss'\" said_at=\"2025-03-01T10:00:00Z\">\nWe open at 9.");
    }

    @Test
    void keyCatalog_registryRedefiningAKey_usesItsCardinality() {
        KeyRegistry registry = KeyRegistry.builtIn().with(List.of(new KeySpec("diet", false,
                KeySpec.Cardinality.MANY, KeySpec.Category.KNOWLEDGE, List.of())));

        String system = ExtractionPrompt.system(List.of(user("x")), KeyCatalog.of(registry));

        assertThat(system).contains("diet (many)").contains("works_at (one)");
    }

    @Test
    void stripFence_fencedJson_returnsInside() {
        assertThat(CompletionReader.stripFence("```json\n{\"a\":1}\n```"))
                .isEqualTo("{\"a\":1}");
        assertThat(CompletionReader.stripFence("{\"a\":\"```\"}"))
                .isEqualTo("{\"a\":\"```\"}");
    }
}

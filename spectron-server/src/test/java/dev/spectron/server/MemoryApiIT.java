package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.Context;
import dev.spectron.api.ForbiddenException;
import dev.spectron.api.Hit;
import dev.spectron.api.Memory;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Recall;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Session;
import dev.spectron.api.SessionStatus;
import dev.spectron.api.Turn;
import dev.spectron.api.TurnInput;
import dev.spectron.api.TurnResult;
import dev.spectron.client.SpectronClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API end to end, driven through the Java SDK against a real server. */
class MemoryApiIT {
    @TempDir
    static Path data;
    static TestServer server;
    static SpectronClient client;
    static Memory memory;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
        client = server.client();
        memory = client.memory();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void addTurn_thenRecall_hitCarriesTurnIdSessionAndMetadata() {
        Scope scope = Scope.of("user", "meta-user");
        try (Session session = memory.openSession(scope)) {
            TurnResult stored = session.turn(TurnInput.of(Role.USER, "My dentist is Dr. Okafor.")
                    .withMetadata(Map.of("msgId", 17, "channel", "web")));
            assertThat(stored.turn().seq()).isEqualTo(1);
            Recall recall = memory.recall("Who is my dentist?", scope, 5);
            Hit hit = recall.hits().getFirst();
            assertThat(hit.text()).contains("Dr. Okafor");
            assertThat(hit.source().turnId()).contains(stored.turn().id());
            assertThat(hit.source().sessionId()).contains(session.id());
            assertThat(hit.source().metadata()).containsEntry("msgId", 17)
                    .containsEntry("channel", "web");
        }
    }

    @Test
    void turns_keepOrderSpeakerAndObservedAt() {
        Session session = memory.openSession(Scope.of("conv", "c1"));
        Instant said = Instant.parse("2023-05-08T13:56:00Z");
        session.turn(TurnInput.of(Role.USER, "Hi Mel!").withSpeaker("Caroline")
                .withObservedAt(said));
        session.turn(Role.ASSISTANT, "Hey Caroline!");
        List<Turn> turns = session.turns();
        assertThat(turns).extracting(Turn::seq).containsExactly(1, 2);
        assertThat(turns.getFirst().speaker()).contains("Caroline");
        assertThat(turns.getFirst().observedAt()).isEqualTo(said);
        session.close();
        assertThat(memory.session(session.id()).status()).isEqualTo(SessionStatus.CLOSED);
    }

    @Test
    void recall_otherUser_neverSeesAlicesMemory_butBothSeeOrgMemory() {
        memory.remember("Our support hours are 9 to 5.", Scope.of("org", "iso-app"));
        memory.remember("I am allergic to peanuts.", Scope.of("org", "iso-app", "user", "alice"));
        memory.remember("I collect vintage stamps.", Scope.of("org", "iso-app", "user", "bob"));

        Recall bob = memory.recall("allergies peanuts support hours stamps",
                Scope.of("org", "iso-app", "user", "bob"), 50);
        assertThat(bob.hits()).extracting(Hit::text)
                .noneMatch(t -> t.contains("peanuts"))
                .anyMatch(t -> t.contains("support hours"))
                .anyMatch(t -> t.contains("stamps"));
        Recall alice = memory.recall("allergies peanuts support hours stamps",
                Scope.of("org", "iso-app", "user", "alice"), 50);
        assertThat(alice.hits()).extracting(Hit::text)
                .noneMatch(t -> t.contains("stamps"))
                .anyMatch(t -> t.contains("peanuts"))
                .anyMatch(t -> t.contains("support hours"));
        Recall org = memory.recall("allergies peanuts stamps", Scope.of("org", "iso-app"), 50);
        assertThat(org.hits()).extracting(Hit::text)
                .noneMatch(t -> t.contains("peanuts") || t.contains("stamps"));
    }

    @Test
    void context_relatedQuestion_isFilled_unrelatedQuestion_isExactlyEmpty() {
        Scope alice = Scope.of("user", "ctx-alice");
        memory.remember("I prefer vegetarian food.", alice);
        memory.remember("I eat a lot of lentils and chickpeas.", alice);

        Context related = memory.context("What are Alice's food preferences?", alice);
        assertThat(related.formatted()).contains("vegetarian");
        assertThat(related.items()).isNotEmpty();
        for (Hit item : related.items()) {
            assertThat(related.formatted()).contains(item.text());
        }
        Context unrelated = memory.context("What's the capital of France?", alice);
        assertThat(unrelated.formatted()).isEqualTo("");
        assertThat(unrelated.items()).isEmpty();
    }

    @Test
    void floorKey_cannotEscapeItsFloor() {
        TestServer.Response minted = server.send("POST", "/api/v1/contexts/default/keys",
                server.managementKey, "application/json",
                "{\"role\":\"agent\",\"floor\":{\"user\":\"floor-alice\"}}");
        assertThat(minted.status()).isEqualTo(201);
        String key = minted.json().get("key").asText();
        memory.remember("Bob's secret is the blue door.", Scope.of("user", "floor-bob"));
        try (SpectronClient aliceOnly = server.client(key)) {
            Memory scoped = aliceOnly.memory();
            assertThatThrownBy(() -> scoped.recall("secret", Scope.of("user", "floor-bob"), 5))
                    .isInstanceOf(ForbiddenException.class);
            assertThat(scoped.recall("secret blue door", Scope.empty(), 50).hits())
                    .extracting(Hit::text).noneMatch(t -> t.contains("blue door"));
            scoped.remember("My locker code is 4711.", Scope.empty());
            assertThat(memory.recall("locker code", Scope.of("user", "floor-alice"), 5).hits())
                    .extracting(Hit::text).anyMatch(t -> t.contains("4711"));
            String bobsSession = memory.openSession(Scope.of("user", "floor-bob")).id();
            assertThatThrownBy(() -> scoped.turns(bobsSession))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void deleteSession_removesItsTurnsFromRecall() {
        Scope scope = Scope.of("user", "deleter");
        Session session = memory.openSession(scope);
        session.turn(Role.USER, "My bike lock combination is 9182.");
        memory.deleteSession(session.id());
        assertThat(memory.recall("bike lock combination", scope, 10).hits())
                .extracting(Hit::text).noneMatch(t -> t.contains("9182"));
        assertThatThrownBy(() -> memory.session(session.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void sessions_listsVisibleSessionsNewestFirst() {
        Scope scope = Scope.of("user", "lister");
        String first = memory.openSession(scope).id();
        String second = memory.openSession(scope).id();
        memory.openSession(Scope.of("user", "someone-else"));
        assertThat(memory.sessions(scope, 10)).extracting(s -> s.id())
                .containsSubsequence(second, first)
                .allMatch(id -> id.equals(first) || id.equals(second)
                        || memory.session(id).scope().isVisibleTo(scope));
    }
}

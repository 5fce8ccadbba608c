package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.Attribute;
import dev.spectron.api.Context;
import dev.spectron.api.BatchMessage;
import dev.spectron.api.BatchRequest;
import dev.spectron.api.BatchResult;
import dev.spectron.api.Diff;
import dev.spectron.api.DocumentInfo;
import dev.spectron.api.DocumentRequest;
import dev.spectron.api.ForgetRequest;
import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.Infer;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Memory;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Profile;
import dev.spectron.api.RememberRequest;
import dev.spectron.api.RememberResult;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Triple;
import dev.spectron.client.SpectronClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Structured memory over HTTP through the Java SDK: diffs, profile, documents, batch, forget. */
class StructuredApiIT {
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
    void remember_changeOfMind_supersedesAndProfileFollows() {
        Scope alice = Scope.of("user", "s-alice");
        RememberResult first = memory.remember("I prefer vegetarian food.", alice);
        assertThat(first.diff().attributes()).extracting(Diff.AttributeChange::decision)
                .containsExactly("add");
        RememberResult second = memory.remember("I eat fish now.", alice);
        assertThat(second.diff().corrections()).singleElement()
                .satisfies(c -> assertThat(c.newValue()).isEqualTo("fish"));
        Profile profile = memory.profile(alice);
        assertThat(profile.summary()).contains("fish").doesNotContain("vegetarian");
        assertThat(memory.history("person/s-alice", "food_preference", alice))
                .extracting(f -> ((Attribute) f).value()).containsExactly("fish", "vegetarian");
        Hit top = memory.recall("What are Alice's food preferences?", alice, 5).hits().getFirst();
        assertThat(top.text()).contains("fish");
        assertThat(top.source().turnId()).contains(second.turnId());
    }

    @Test
    void sessionExtract_defersToClose_whichReturnsTheCombinedDiff() {
        Scope scope = Scope.of("user", "closer");
        dev.spectron.api.Session session = memory.openSession(new dev.spectron.api.SessionRequest(
                scope, Map.of(), dev.spectron.api.ExtractMode.SESSION));
        assertThat(session.turn(Role.USER, "I live in Lima.").diff().isEmpty()).isTrue();
        assertThat(session.turn(Role.USER, "I'm allergic to shellfish.").diff().isEmpty())
                .isTrue();
        assertThat(memory.state(scope).attributes()).isEmpty();
        Diff combined = memory.closeSession(session.id());
        assertThat(combined.attributes()).extracting(Diff.AttributeChange::key)
                .contains("allergy");
        assertThat(combined.relations()).extracting(Diff.RelationChange::label)
                .contains("lives_in");
        assertThat(memory.closeSession(session.id()).isEmpty()).isTrue();
    }

    @Test
    void remember_preview_returnsTheDiffAndWritesNothing() {
        Scope scope = Scope.of("user", "previewer");
        RememberResult preview = memory.remember(new RememberRequest("I work at Globex.", scope,
                Optional.empty(), Role.USER, Optional.empty(), Map.of(), Infer.PREVIEW));
        assertThat(preview.diff().relations()).extracting(Diff.RelationChange::object)
                .containsExactly("organization/globex");
        assertThat(memory.state(scope).relations()).isEmpty();
        assertThat(memory.recall("Globex", scope, 5).hits()).isEmpty();
    }

    @Test
    void resolveUncertainty_marksItResolved() {
        memory.addDocument(DocumentRequest.of("The support hours are 9 to 5.",
                Scope.of("org", "r-shop")));
        Scope kim = Scope.of("org", "r-shop", "user", "kim");
        memory.remember("Your support hours are 8 to 8.", kim);
        dev.spectron.api.Uncertainty open = memory.uncertainties(kim, true).getFirst();
        dev.spectron.api.Uncertainty done = memory.resolveUncertainty(open.id(),
                "The document is right: 9 to 5.");
        assertThat(done.resolved()).isTrue();
        assertThat(done.resolution()).contains("The document is right: 9 to 5.");
        assertThat(memory.uncertainties(kim, true)).isEmpty();
    }

    @Test
    void rememberBatch_storesTurnsInOneSessionWithDiffs() {
        Scope scope = Scope.of("user", "batcher");
        BatchResult result = memory.rememberBatch(new BatchRequest(List.of(
                BatchMessage.of("I live in Oslo."), BatchMessage.of("I speak Norwegian."),
                new BatchMessage(Role.ASSISTANT, "Noted.", Optional.empty(), Optional.empty(),
                        Map.of())), scope, Optional.empty(), Infer.FULL));
        assertThat(result.results()).hasSize(3)
                .allMatch(r -> r.sessionId().equals(result.sessionId()));
        assertThat(result.results().get(1).diff().attributes())
                .extracting(Diff.AttributeChange::key).containsExactly("language");
        assertThat(memory.turns(result.sessionId())).hasSize(3);
        assertThatThrownBy(() -> memory.rememberBatch(new BatchRequest(List.of(), scope,
                Optional.empty(), Infer.FULL))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void remember_triples_storesCallerFactsAsGiven() {
        Scope scope = Scope.of("user", "tripler");
        RememberResult result = memory.remember(new RememberRequest("CRM import", scope,
                Optional.empty(), Role.USER, Optional.empty(), Map.of(), Infer.TRIPLES,
                List.of(Triple.of("person/tripler", "favorite_book", "Dune"),
                        new Triple("person/tripler", "works_at", "", Optional.of(
                                "organization/initech")))));
        assertThat(result.diff().attributes()).extracting(Diff.AttributeChange::value)
                .containsExactly("Dune");
        assertThat(result.diff().relations()).extracting(Diff.RelationChange::object)
                .containsExactly("organization/initech");
    }

    @Test
    void document_isAuthoritative_andConflictingClaimRaisesUncertainty() {
        DocumentInfo doc = memory.addDocument(DocumentRequest.of(
                "Returns policy: the return window is 30 days from delivery.",
                Scope.of("org", "s-shop")));
        assertThat(doc.status()).isEqualTo("ready");
        assertThat(doc.chunks()).isEqualTo(1);
        Scope pat = Scope.of("org", "s-shop", "user", "pat");
        RememberResult claim = memory.remember("Your return policy is 60 days.", pat);
        assertThat(claim.diff().uncertainties()).extracting(Diff.UncertaintyChange::kind)
                .containsExactly("authority_conflict");
        assertThat(memory.profile(pat).uncertainties()).isNotEmpty();
        assertThat(memory.uncertainties(Scope.of("org", "s-shop", "user", "sam"), true))
                .isEmpty();
        assertThat(memory.recall("How long is the return window?", pat, 3).hits().getFirst()
                .text()).contains("30");
        // The prompt says both: what the policy states, and that a conversation disagreed.
        Context context = memory.context("How long is the return window?", pat);
        assertThat(context.formatted()).contains("30 days")
                .contains("Open uncertainties:\n- s-shop — return window: a conversation says "
                        + "'60 days' but an authoritative source says '30 days'");
        assertThat(context.items()).extracting(Hit::kind).contains(HitKind.UNCERTAINTY);
        // Pat's claim raised it at Pat's scope: Sam, of the same shop, sees the policy alone.
        Context sams = memory.context("How long is the return window?",
                Scope.of("org", "s-shop", "user", "sam"));
        assertThat(sams.formatted()).contains("30 days").doesNotContain("uncertainties")
                .doesNotContain("60 days");
    }

    @Test
    void registry_contextKeyOfCardinalityMany_accumulatesValues() {
        TestServer.Response extended = server.send("POST", "/api/v1/contexts/default/registry",
                server.managementKey, "application/json",
                "{\"keys\":[{\"key\":\"favorite_book\",\"cardinality\":\"many\","
                        + "\"category\":\"knowledge\",\"synonyms\":[\"beloved book\"]}]}");
        assertThat(extended.status()).isEqualTo(200);
        assertThat(extended.body()).contains("favorite_book");
        Scope scope = Scope.of("user", "reader1");
        for (String book : new String[] {"Dune", "Emma"}) {
            memory.remember(new RememberRequest("book", scope, Optional.empty(), Role.USER,
                    Optional.empty(), Map.of(), Infer.TRIPLES,
                    List.of(Triple.of("person/reader1", "favorite_book", book))));
        }
        assertThat(memory.state(scope).attributes()).extracting(Attribute::value)
                .contains("Dune", "Emma");
        assertThat(server.send("POST", "/api/v1/contexts/default/registry", server.apiKey,
                "application/json", "{\"keys\":[]}").status()).isEqualTo(403);
    }

    @Test
    void forget_dryRunCounts_thenForgetHidesEverything() {
        Scope eve = Scope.of("user", "s-eve");
        memory.remember("My locker code is 4711.", eve);
        memory.remember("I live in Porto.", eve);
        int wouldForget = memory.forget(new ForgetRequest(eve, Optional.empty(),
                Optional.empty(), Optional.empty(), false, true)).forgotten();
        assertThat(wouldForget).isGreaterThanOrEqualTo(3);
        assertThat(memory.recall("locker code", eve, 5).hits()).isNotEmpty();
        assertThat(memory.forget(ForgetRequest.of(eve)).forgotten()).isEqualTo(wouldForget);
        assertThat(memory.recall("locker code Porto", eve, 50).hits()).isEmpty();
        assertThat(memory.state(eve).relations()).isEmpty();
        assertThat(memory.history("person/s-eve", "lives_in", eve)).isEmpty();
        assertThat(memory.profile(eve).summary()).isEmpty();
        assertThatThrownBy(() -> memory.entity("person/s-eve", eve))
                .isInstanceOf(NotFoundException.class);
    }
}

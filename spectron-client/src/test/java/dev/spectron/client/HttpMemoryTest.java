package dev.spectron.client;

import static dev.spectron.client.WireSamples.CONTEXT;
import static dev.spectron.client.WireSamples.DIFF;
import static dev.spectron.client.WireSamples.RECALL;
import static dev.spectron.client.WireSamples.SESSION;
import static dev.spectron.client.WireSamples.TURN;
import static dev.spectron.client.WireSamples.json;
import static dev.spectron.client.WireSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.api.Context;
import dev.spectron.api.ContextRequest;
import dev.spectron.api.Diff;
import dev.spectron.api.ExtractMode;
import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Memory;
import dev.spectron.api.Recall;
import dev.spectron.api.RecallMode;
import dev.spectron.api.RecallRequest;
import dev.spectron.api.RememberRequest;
import dev.spectron.api.RememberResult;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Session;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionRequest;
import dev.spectron.api.SessionStatus;
import dev.spectron.api.SpectronException;
import dev.spectron.api.Turn;
import dev.spectron.api.TurnInput;
import dev.spectron.api.TurnResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpMemoryTest {
    private static final String KEY = "spk_test_secret";
    private static final Scope ALICE = Scope.of("user", "alice");
    private static final Instant AT = Instant.parse("2025-01-02T03:00:00Z");

    private FakeServer server;
    private SpectronClient client;
    private Memory memory;

    @BeforeEach
    void start() throws Exception {
        server = FakeServer.start();
        client = SpectronClient.builder().baseUrl(server.url()).apiKey(KEY).build();
        memory = client.memory();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void createSession_withScopeAndMetadata_postsRequestAndReturnsInfo() throws Exception {
        server.json(201, json(SESSION));

        SessionInfo info = memory.createSession(new SessionRequest(ALICE,
                Map.of("channel", "web"), ExtractMode.SESSION));

        FakeServer.Request sent = expect("POST", "/api/v1/default/sessions");
        assertThat(tree(sent.body())).isEqualTo(tree(
                "{'scope':{'user':'alice'},'metadata':{'channel':'web'},'extract':'session'}"));
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(info.id()).isEqualTo("s1");
        assertThat(info.scope()).isEqualTo(ALICE);
        assertThat(info.metadata()).containsEntry("channel", "web");
        assertThat(info.extract()).isEqualTo(ExtractMode.TURN);
        assertThat(info.status()).isEqualTo(SessionStatus.OPEN);
        assertThat(info.createdAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(info.closedAt()).isEmpty();
    }

    @Test
    void session_byId_getsSessionInfo() throws Exception {
        server.json(200, json(SESSION));

        SessionInfo info = memory.session("s1");

        FakeServer.Request sent = expect("GET", "/api/v1/default/sessions/s1");
        assertThat(sent.body()).isEmpty();
        assertThat(info.id()).isEqualTo("s1");
    }

    @Test
    void sessions_atScope_sendsScopeAsJsonQueryAndLimit() throws Exception {
        server.json(200, json("{'sessions':[" + SESSION + "]}"));

        List<SessionInfo> sessions = memory.sessions(ALICE, 5);

        FakeServer.Request sent = expect("GET", "/api/v1/default/sessions");
        assertThat(sent.rawQuery()).isEqualTo("scope=%7B%22user%22%3A%22alice%22%7D&limit=5");
        assertThat(sessions).extracting(SessionInfo::id).containsExactly("s1");
    }

    @Test
    void sessions_scopeWithReservedCharacters_arrivesIntact() throws Exception {
        server.json(200, json("{'sessions':[]}"));
        Scope odd = Scope.of("org", "a&b=c+d #1", "user", "zoë/100%");

        assertThat(memory.sessions(odd, 1)).isEmpty();

        String query = expect("GET", "/api/v1/default/sessions").rawQuery();
        assertThat(query).doesNotContain(" ", "+", "#").startsWith("scope=").endsWith("&limit=1");
        String scope = query.substring("scope=".length(), query.indexOf("&limit="));
        assertThat(tree(URLDecoder.decode(scope, StandardCharsets.UTF_8)))
                .isEqualTo(tree("{'org':'a&b=c+d #1','user':'zoë/100%'}"));
    }

    @Test
    void addTurn_withEveryField_postsTurnAndReturnsTurnAndDiff() throws Exception {
        server.json(201, json("{'turn':" + TURN + ",'diff':" + DIFF + "}"));
        TurnInput input = TurnInput.of(Role.USER, "I prefer vegetarian food.")
                .withSpeaker("Alice").withObservedAt(AT).withMetadata(Map.of("msg", "m1"));

        TurnResult result = memory.addTurn("s1", input);

        FakeServer.Request sent = expect("POST", "/api/v1/default/sessions/s1/turns");
        assertThat(tree(sent.body())).isEqualTo(tree("{'role':'user',"
                + "'content':'I prefer vegetarian food.','speaker':'Alice',"
                + "'observedAt':'2025-01-02T03:00:00Z','metadata':{'msg':'m1'}}"));
        Turn turn = result.turn();
        assertThat(turn.id()).isEqualTo("t1");
        assertThat(turn.seq()).isEqualTo(1);
        assertThat(turn.role()).isEqualTo(Role.USER);
        assertThat(turn.speaker()).contains("Alice");
        assertThat(turn.observedAt()).isEqualTo(AT);
        assertThat(result.diff().turnId()).contains("t1");
        assertThat(result.diff().entities()).singleElement()
                .satisfies(e -> assertThat(e.isNew()).isTrue());
        assertThat(result.diff().attributes()).singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo("vegetarian"));
    }

    @Test
    void addTurn_withoutOptionalFields_omitsThem() throws Exception {
        server.json(201, json("{'turn':" + TURN + ",'diff':{}}"));

        TurnResult result = memory.addTurn("s1", TurnInput.of(Role.ASSISTANT, "Noted."));

        assertThat(tree(expect("POST", "/api/v1/default/sessions/s1/turns").body()))
                .isEqualTo(tree("{'role':'assistant','content':'Noted.','metadata':{}}"));
        assertThat(result.diff().isEmpty()).isTrue();
    }

    @Test
    void turns_ofSession_returnsTurnsOldestFirst() throws Exception {
        server.json(200, json("{'turns':[" + TURN + "," + TURN.replace("'t1'", "'t2'") + "]}"));

        List<Turn> turns = memory.turns("s1");

        expect("GET", "/api/v1/default/sessions/s1/turns");
        assertThat(turns).extracting(Turn::id).containsExactly("t1", "t2");
    }

    @Test
    void closeSession_open_postsCloseWithoutBodyAndReturnsDiff() throws Exception {
        server.json(200, json(DIFF));

        Diff diff = memory.closeSession("s1");

        assertThat(expect("POST", "/api/v1/default/sessions/s1/close").body()).isEmpty();
        assertThat(diff.attributes()).hasSize(1);
    }

    @Test
    void deleteSession_existing_sendsDelete() throws Exception {
        server.noContent();

        memory.deleteSession("s1");

        expect("DELETE", "/api/v1/default/sessions/s1");
    }

    @Test
    void remember_fullRequest_postsEveryFieldAndReturnsResult() throws Exception {
        server.json(201, json("{'sessionId':'s9','turnId':'t9','diff':" + DIFF + "}"));

        RememberResult result = memory.remember(new RememberRequest("I prefer vegetarian food.",
                ALICE, Optional.of("s9"), Role.SYSTEM, Optional.of(AT), Map.of("k", 1)));

        assertThat(tree(expect("POST", "/api/v1/default/remember").body())).isEqualTo(tree(
                "{'text':'I prefer vegetarian food.','scope':{'user':'alice'},'sessionId':'s9',"
                        + "'role':'system','observedAt':'2025-01-02T03:00:00Z',"
                        + "'metadata':{'k':1},'infer':'full','triples':[]}"));
        assertThat(result.sessionId()).isEqualTo("s9");
        assertThat(result.turnId()).isEqualTo("t9");
        assertThat(result.diff().attributes()).hasSize(1);
    }

    @Test
    void remember_textAndScope_sendsUserRoleAndNoOptionalFields() throws Exception {
        server.json(201, json("{'sessionId':'s9','turnId':'t9','diff':{}}"));

        memory.remember("I eat fish now.", ALICE);

        assertThat(tree(expect("POST", "/api/v1/default/remember").body())).isEqualTo(tree(
                "{'text':'I eat fish now.','scope':{'user':'alice'},'role':'user','metadata':{},"
                        + "'infer':'full','triples':[]}"));
    }

    @Test
    void recall_withTimeTravel_postsEveryFieldAndReturnsHits() throws Exception {
        server.json(200, json(RECALL));
        RecallRequest request = new RecallRequest("what does alice eat?", ALICE, 3,
                RecallMode.BM25, Optional.of(AT), Optional.of(AT.plusSeconds(60)),
                Optional.of("s1"));

        Recall recall = memory.recall(request);

        assertThat(tree(expect("POST", "/api/v1/default/recall").body())).isEqualTo(tree(
                "{'query':'what does alice eat?','scope':{'user':'alice'},'k':3,'mode':'bm25',"
                        + "'asOf':'2025-01-02T03:00:00Z','validAt':'2025-01-02T03:01:00Z',"
                        + "'sessionId':'s1'}"));
        assertThat(recall.formatted()).isEqualTo("- vegetarian");
        assertThat(recall.queryMs()).isEqualTo(3.5);
        assertThat(recall.traceId()).isEqualTo("tr1");
        Hit hit = recall.hits().get(0);
        assertThat(hit.kind()).isEqualTo(HitKind.ATTRIBUTE);
        assertThat(hit.score()).isEqualTo(0.87);
        assertThat(hit.entity()).contains("person/alice");
        assertThat(hit.validUntil()).isEmpty();
        assertThat(hit.source().turnId()).contains("t1");
        assertThat(hit.source().metadata()).containsEntry("msg", "m1");
    }

    @Test
    void recall_queryScopeAndK_sendsHybridModeAndNoTimes() throws Exception {
        server.json(200, json(RECALL));

        memory.recall("food", ALICE, 10);

        assertThat(tree(expect("POST", "/api/v1/default/recall").body())).isEqualTo(tree(
                "{'query':'food','scope':{'user':'alice'},'k':10,'mode':'hybrid'}"));
    }

    @Test
    void recall_include_postsTheKindsAskedFor() throws Exception {
        server.json(200, json(RECALL));

        memory.recall(RecallRequest.of("food", ALICE, 10).withInclude(java.util.Set.of(
                dev.spectron.api.RecallInclude.TURNS, dev.spectron.api.RecallInclude.FACTS)));

        assertThat(tree(expect("POST", "/api/v1/default/recall").body())).isEqualTo(tree(
                "{'query':'food','scope':{'user':'alice'},'k':10,'mode':'hybrid',"
                        + "'include':['facts','turns']}"));
    }

    @Test
    void context_query_postsLimitsAndReturnsContext() throws Exception {
        server.json(200, json(CONTEXT));

        Context context = memory.context(new ContextRequest("dinner ideas", ALICE, 4, 300));

        assertThat(tree(expect("POST", "/api/v1/default/context").body())).isEqualTo(tree(
                "{'query':'dinner ideas','scope':{'user':'alice'},'k':4,'maxTokens':300}"));
        assertThat(context.formatted()).isEqualTo("Alice is vegetarian.");
        assertThat(context.items()).extracting(Hit::id).containsExactly("a1");
        assertThat(context.tier()).isEqualTo("facts");
    }

    @Test
    void openSession_tryWithResources_closesSessionOnExit() throws Exception {
        server.json(201, json(SESSION))
                .json(201, json("{'turn':" + TURN + ",'diff':{}}"))
                .json(200, json("{}"));

        try (Session session = memory.openSession(ALICE)) {
            session.turn(Role.USER, "I prefer vegetarian food.");
        }

        assertThat(tree(expect("POST", "/api/v1/default/sessions").body())).isEqualTo(tree(
                "{'scope':{'user':'alice'},'metadata':{},'extract':'turn'}"));
        expect("POST", "/api/v1/default/sessions/s1/turns");
        expect("POST", "/api/v1/default/sessions/s1/close");
        assertThat(server.pending()).isZero();
    }

    @Test
    void sessionHandle_rememberAndRecall_useSessionIdAndScope() throws Exception {
        server.json(200, json(SESSION))
                .json(201, json("{'sessionId':'s1','turnId':'t2','diff':{}}"))
                .json(200, json(RECALL));
        Session session = memory.resumeSession("s1");

        session.remember("I eat fish now.");
        session.recall("food", 2);

        expect("GET", "/api/v1/default/sessions/s1");
        assertThat(tree(expect("POST", "/api/v1/default/remember").body())).isEqualTo(tree(
                "{'text':'I eat fish now.','scope':{'user':'alice'},'sessionId':'s1',"
                        + "'role':'user','metadata':{},'infer':'full','triples':[]}"));
        assertThat(tree(expect("POST", "/api/v1/default/recall").body()).get("scope"))
                .isEqualTo(tree("{'user':'alice'}"));
    }

    @Test
    void session_idWithReservedCharacters_isOnePercentEncodedSegment() throws Exception {
        server.json(200, json(SESSION));

        memory.session("a b/c?d#e%f+g");

        expect("GET", "/api/v1/default/sessions/a%20b%2Fc%3Fd%23e%25f%2Bg");
    }

    @Test
    void memory_contextWithReservedCharacters_isOnePercentEncodedSegment() throws Exception {
        server.json(200, json(RECALL));

        Memory other = client.memory("team a/ü");
        other.recall("food", ALICE, 1);

        assertThat(other.context()).isEqualTo("team a/ü");
        expect("POST", "/api/v1/team%20a%2F%C3%BC/recall");
    }

    @Test
    void session_blankId_throwsInvalidInputWithoutSending() {
        assertThatThrownBy(() -> memory.session(" "))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("sessionId"));
        assertThat(server.pending()).isZero();
    }

    @Test
    void closeSession_dotDotId_throwsInvalidInputWithoutSending() {
        assertThatThrownBy(() -> memory.closeSession(".."))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sessionId");
        assertThat(server.pending()).isZero();
    }

    @Test
    void recall_okStatusWithHtmlBody_throwsBadResponseNamingTheCall() {
        server.answer(200, "text/html", "<html><body>Please log in</body></html>", Map.of());

        assertThatThrownBy(() -> memory.recall("food", ALICE, 1))
                .isInstanceOfSatisfying(SpectronException.class, e -> {
                    assertThat(e.code()).isEqualTo("bad_response");
                    assertThat(e.status()).isEqualTo(502);
                })
                .hasMessageContaining("POST " + server.url() + "/api/v1/default/recall")
                .hasMessageContaining("Please log in");
    }

    @Test
    void diff_writtenByTheClientMapper_readsBackEqual() throws Exception {
        ObjectMapper mapper = HttpTransport.objectMapper();
        Diff diff = mapper.readValue(json(DIFF), Diff.class);

        assertThat(mapper.readValue(mapper.writeValueAsString(diff), Diff.class)).isEqualTo(diff);
        assertThat(diff.entities().get(0).isNew()).isTrue();
    }

    private FakeServer.Request expect(String method, String rawPath) throws InterruptedException {
        FakeServer.Request sent = server.take();
        assertThat(sent.method()).isEqualTo(method);
        assertThat(sent.rawPath()).isEqualTo(rawPath);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        return sent;
    }
}

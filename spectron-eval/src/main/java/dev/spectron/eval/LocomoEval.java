package dev.spectron.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spectron.api.Context;
import dev.spectron.api.ContextRequest;
import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.Memory;
import dev.spectron.api.Recall;
import dev.spectron.api.RecallMode;
import dev.spectron.api.RecallRequest;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionRequest;
import dev.spectron.api.TurnInput;
import dev.spectron.api.TurnResult;
import dev.spectron.embed.onnx.EmbeddingModel;
import dev.spectron.embed.onnx.OnnxEmbedder;
import dev.spectron.engine.ContextPacking;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The LoCoMo retrieval benchmark: stores every conversation through the {@link Memory} interface
 * (as sessions at scope {@code {conv: sample_id}}, each turn with its speaker, its session's date
 * as {@code observedAt} and its {@code dia_id} in metadata), asks every question, and scores which
 * evidence turns the hits and the context cite.
 *
 * <p>Five methods run in the same pass: {@code spectron} (recall in hybrid mode and the real
 * {@code context} call); the {@code bm25} and {@code dense} baselines, recall in {@code bm25} /
 * {@code vector} mode over a second store holding the same turns as a plain store would
 * (text {@code speaker: content}, no extraction; see {@code EngineConfig.plainTurnIndex}); and,
 * as ablations, the same two modes over Spectron's own index text (with dates and the turn
 * replied to). A baseline's context is its ranked turns packed greedily into the same budget,
 * formatted as Spectron formats turns, with no threshold.
 */
public final class LocomoEval {
    /**
     * One measured method.
     *
     * @param name report name
     * @param plain true to ask the plain store, false for Spectron's
     * @param mode recall mode
     */
    record Method(String name, boolean plain, RecallMode mode) {}

    /** The methods measured, in report order. */
    static final List<Method> METHODS = List.of(
            new Method("spectron", false, RecallMode.HYBRID),
            new Method("bm25", true, RecallMode.BM25),
            new Method("dense", true, RecallMode.VECTOR),
            new Method("bm25-spectron-text", false, RecallMode.BM25),
            new Method("dense-spectron-text", false, RecallMode.VECTOR));

    private static final int K = 50;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * How to run.
     *
     * @param data the LoCoMo JSON file
     * @param out directory for {@code locomo.json}, {@code locomo.md} and {@code locomo.png}
     * @param model embedding model used for the query-embedding baseline timing
     * @param conversations how many conversations to use (0: all)
     */
    public record Options(Path data, Path out, String model, int conversations) {}

    private final Options options;
    private final PrintStream log;
    private final Map<String, Integer> factHits = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Map<String, Object>> perQuestion = new ArrayList<>();
    /** Spectron's recall times as the engine reports them ({@code queryMs}), in nanoseconds. */
    private final List<Long> engineNanos = new ArrayList<>();

    public LocomoEval(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /**
     * Stores the conversations into {@code memory} and {@code plain} (a store with plain turn
     * text and no extraction, for the baselines), asks the questions and writes the reports.
     */
    public Map<String, Object> run(Memory memory, Memory plain) throws IOException {
        List<LocomoData.Conversation> conversations = LocomoData.load(options.data());
        if (options.conversations() > 0 && options.conversations() < conversations.size()) {
            conversations = conversations.subList(0, options.conversations());
        }
        int turns = conversations.stream().mapToInt(LocomoData.Conversation::turnCount).sum();
        int questions = conversations.stream().mapToInt(c -> c.questions().size()).sum();
        log.printf("LoCoMo: %d conversations, %d turns, %d questions (%s)%n",
                conversations.size(), turns, questions, options.data());

        Map<String, String> turnToDia = new HashMap<>();
        long ingestStart = System.nanoTime();
        int stored = 0;
        try (ProgressBar bar = bar("Store turns", turns)) {
            for (LocomoData.Conversation c : conversations) {
                if (!stored(memory, c, turnToDia, bar)) {
                    ingest(memory, c, turnToDia, bar);
                    stored += c.turnCount();
                }
            }
        }
        double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
        try (ProgressBar bar = bar("Store turns for the baselines", turns)) {
            for (LocomoData.Conversation c : conversations) {
                if (!stored(plain, c, turnToDia, bar)) {
                    ingest(plain, c, turnToDia, bar);
                }
            }
        }
        if (stored < turns) {
            log.printf("%d turns were already stored (reused)%n", turns - stored);
        }

        Map<String, LocomoMetrics> metrics = new LinkedHashMap<>();
        Map<String, List<Long>> latency = new LinkedHashMap<>();
        METHODS.forEach(m -> {
            metrics.put(m.name(), new LocomoMetrics());
            latency.put(m.name(), new ArrayList<>());
        });
        List<Long> embedding = new ArrayList<>();
        try (OnnxEmbedder embedder = OnnxEmbedder.create(EmbeddingModel.parse(options.model()), 1);
                ProgressBar bar = bar("Ask questions", questions)) {
            embedder.embedQuery("warm up");
            for (LocomoData.Conversation c : conversations) {
                Scope scope = Scope.of("conv", c.sampleId());
                for (LocomoData.Question q : c.questions()) {
                    ask(memory, plain, scope, q, turnToDia, metrics, latency);
                    long t = System.nanoTime();
                    embedder.embedQuery(q.text());
                    embedding.add(System.nanoTime() - t);
                    bar.step();
                }
            }
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("data", options.data().getFileName().toString());
        report.put("conversations", conversations.stream()
                .map(LocomoData.Conversation::sampleId).toList());
        report.put("turns", turns);
        report.put("questions", questions);
        if (stored == turns) {
            report.put("ingestSeconds", round(ingestSeconds));
            report.put("ingestTurnsPerSecond", round(turns / ingestSeconds));
        }
        Map<String, Object> methods = new LinkedHashMap<>();
        metrics.forEach((m, acc) -> methods.put(m, acc.report()));
        report.put("methods", methods);
        Map<String, Object> lat = new LinkedHashMap<>();
        latency.forEach((m, values) -> lat.put(m, percentiles(values)));
        lat.put("queryEmbedding", percentiles(embedding));
        lat.put("spectronEngine", percentiles(engineNanos));
        report.put("latencyMs", lat);
        double ratio = p50(latency.get("spectron")) / p50(embedding);
        report.put("recallToEmbeddingP50", round(ratio));
        report.put("engineRecallToEmbeddingP50", round(p50(engineNanos) / p50(embedding)));
        Map<String, Object> facts = new LinkedHashMap<>();
        factHits.forEach((m, n) -> facts.put(m, round(100.0 * n / (10.0 * questions))));
        report.put("factShareOfTop10Percent", facts);
        write(report);
        return report;
    }

    /**
     * True when a previous run already stored the conversation (same memory, e.g. a kept data
     * directory): its turn ids are then read back instead of storing it again.
     */
    private static boolean stored(Memory memory, LocomoData.Conversation c,
            Map<String, String> turnToDia, ProgressBar bar) {
        List<SessionInfo> sessions = memory.sessions(Scope.of("conv", c.sampleId()), 1000);
        if (sessions.size() != c.sessions().size()) {
            if (!sessions.isEmpty()) {
                throw new IllegalStateException("conversation " + c.sampleId() + " is partly"
                        + " stored (" + sessions.size() + " of " + c.sessions().size()
                        + " sessions); use an empty data directory or context");
            }
            return false;
        }
        for (SessionInfo session : sessions) {
            for (dev.spectron.api.Turn t : memory.turns(session.id())) {
                turnToDia.put(t.id(), c.sampleId() + "/" + t.metadata().get("dia_id"));
                bar.step();
            }
        }
        return true;
    }

    private void ingest(Memory memory, LocomoData.Conversation c, Map<String, String> turnToDia,
            ProgressBar bar) {
        Scope scope = Scope.of("conv", c.sampleId());
        for (LocomoData.Session s : c.sessions()) {
            SessionInfo session = memory.createSession(new SessionRequest(scope,
                    Map.of("conv", c.sampleId(), "session", s.number()), null));
            int i = 0;
            for (LocomoData.Turn t : s.turns()) {
                // Turns of a session share its date; a second apart keeps them in order.
                Instant at = s.date().plusSeconds(i++);
                TurnResult r = memory.addTurn(session.id(), new TurnInput(Role.USER, t.text(),
                        Optional.of(t.speaker()), Optional.of(at), Map.of("dia_id", t.diaId())));
                turnToDia.put(r.turn().id(), c.sampleId() + "/" + t.diaId());
                bar.step();
            }
            memory.closeSession(session.id());
        }
    }

    private void ask(Memory spectron, Memory plain, Scope scope, LocomoData.Question q,
            Map<String, String> turnToDia, Map<String, LocomoMetrics> metrics,
            Map<String, List<Long>> latency) {
        String conv = scope.get("conv").orElseThrow();
        java.util.Set<String> evidence = new java.util.HashSet<>();
        q.evidence().forEach(e -> evidence.add(conv + "/" + e));
        List<String> groups = new ArrayList<>();
        groups.add(String.valueOf(q.category()));
        if (q.category() >= 1 && q.category() <= 4) {
            groups.add("1-4");
        }
        for (Method method : METHODS) {
            Memory memory = method.plain() ? plain : spectron;
            long t = System.nanoTime();
            Recall recall = memory.recall(new RecallRequest(q.text(), scope, K, method.mode(),
                    Optional.empty(), Optional.empty(), Optional.empty()));
            latency.get(method.name()).add(System.nanoTime() - t);
            if (method.name().equals("spectron")) {
                // What the engine spent, as it reports it: over HTTP, without the round trip.
                engineNanos.add(Math.round(recall.queryMs() * 1e6));
            }
            recall.hits().stream().limit(10).forEach(h -> factHits.merge(method.name(),
                    h.kind() == HitKind.TURN ? 0 : 1, Integer::sum));
            if (evidence.isEmpty()) {
                continue; // a few open-domain questions have no evidence to find
            }
            List<List<String>> hitTurns = recall.hits().stream()
                    .map(h -> cited(h, turnToDia)).toList();
            Map<Integer, List<String>> contextTurns = new HashMap<>();
            Map<Integer, String> contextText = new HashMap<>();
            for (int budget : LocomoMetrics.BUDGETS) {
                Context context = method.mode() == RecallMode.HYBRID
                        ? memory.context(new ContextRequest(q.text(), scope, K, budget))
                        : packed(recall.hits(), budget);
                contextTurns.put(budget, context.items().stream()
                        .flatMap(h -> cited(h, turnToDia).stream()).toList());
                contextText.put(budget, context.formatted());
            }
            metrics.get(method.name()).add(groups, evidence, q.answer(), hitTurns,
                    contextTurns, contextText);
            if (method.name().equals("spectron")) {
                perQuestion.add(outcome(conv, q, hitTurns, contextTurns.get(1000),
                        contextText.get(1000)));
            }
        }
    }

    /**
     * One line of {@code locomo-questions.jsonl}: the question, its evidence, the turns Spectron's
     * top ten hits cite and the rank (1-based, up to 50) at which each evidence turn was first
     * cited, or 0 when it was not — the file to read when a category's number moves.
     */
    private static Map<String, Object> outcome(String conv, LocomoData.Question q,
            List<List<String>> hitTurns, List<String> context1000, String text1000) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("conv", conv);
        line.put("category", q.category());
        line.put("question", q.text());
        line.put("answer", q.answer());
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (String e : new java.util.TreeSet<>(q.evidence())) {
            int rank = 0;
            for (int i = 0; i < hitTurns.size() && rank == 0; i++) {
                if (hitTurns.get(i).contains(conv + "/" + e)) {
                    rank = i + 1;
                }
            }
            ranks.put(e, rank);
        }
        line.put("evidenceRank", ranks);
        line.put("top10", hitTurns.stream().limit(10).map(t -> t.isEmpty() ? "-"
                : t.get(0).substring(conv.length() + 1)).toList());
        line.put("inContext1000", q.evidence().stream()
                .filter(e -> context1000.contains(conv + "/" + e)).sorted().toList());
        line.put("context1000", text1000);
        return line;
    }

    /** The conversation turns a hit cites: itself for a turn, its source turn for a fact. */
    static List<String> cited(Hit hit, Map<String, String> turnToDia) {
        if (hit.kind() == HitKind.UNCERTAINTY) {
            return List.of(); // a question about a fact, not the evidence for it
        }
        String turnId = hit.kind() == HitKind.TURN ? hit.id()
                : hit.source().turnId().orElse(null);
        String dia = turnId == null ? null : turnToDia.get(turnId);
        return dia == null ? List.of() : List.of(dia);
    }

    /**
     * A baseline's context: its turn hits in rank order, added while they fit the budget, written
     * as Spectron writes turns ({@link ContextPacking}).
     */
    static Context packed(List<Hit> hits, int budget) {
        return ContextPacking.turns(hits, budget);
    }

    private void write(Map<String, Object> report) throws IOException {
        Files.createDirectories(options.out());
        Path json = options.out().resolve("locomo.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(),
                report);
        Path md = options.out().resolve("locomo.md");
        Files.writeString(md, markdown(report));
        Path png = options.out().resolve("locomo.png");
        LocomoChart.write(report, png);
        Path questions = options.out().resolve("locomo-questions.jsonl");
        ObjectMapper lines = new ObjectMapper();
        StringBuilder jsonl = new StringBuilder();
        for (Map<String, Object> line : perQuestion) {
            jsonl.append(lines.writeValueAsString(line)).append('\n');
        }
        Files.writeString(questions, jsonl);
        log.println(markdown(report));
        log.printf("wrote %s, %s, %s and %s%n", json, md, png, questions);
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        Map<String, Object> methods = (Map<String, Object>) report.get("methods");
        StringBuilder md = new StringBuilder();
        md.append("LoCoMo ").append(report.get("data")).append(": ")
                .append(report.get("turns")).append(" turns, ").append(report.get("questions"))
                .append(" questions; categories 1–4 with evidence.\n\n");
        String[] cols = {"recall@1", "recall@5", "recall@10", "recall@50", "recall_all@10",
            "ndcg@10", "evidence_in_context@500", "evidence_in_context@1000",
            "evidence_in_context@2000", "answer_in_context@1000",
            "answer_substring_in_context@1000"};
        md.append("| method | questions |");
        for (String c : cols) {
            md.append(' ').append(c.replace("evidence_in_context", "EiC")
                    .replace("answer_substring_in_context", "AiC-substr")
                    .replace("answer_in_context", "AiC")).append(" |");
        }
        md.append("\n|---|---:|");
        md.append("---:|".repeat(cols.length)).append('\n');
        methods.forEach((name, byGroup) -> {
            Map<String, Object> row = ((Map<String, Map<String, Object>>) byGroup).get("1-4");
            if (row == null) {
                return;
            }
            md.append("| ").append(name).append(" | ").append(row.get("questions")).append(" |");
            for (String c : cols) {
                md.append(' ').append(row.get(c)).append(" |");
            }
            md.append('\n');
        });
        md.append("\nEvidence recall@10 by category (1 multi-hop, 2 temporal, 3 open-domain,"
                + " 4 single-hop, 5 adversarial):\n\n| method | 1 | 2 | 3 | 4 | 1–4 | 5 |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        methods.forEach((name, byGroup) -> {
            Map<String, Map<String, Object>> g = (Map<String, Map<String, Object>>) byGroup;
            md.append("| ").append(name).append(" |");
            for (String cat : List.of("1", "2", "3", "4", "1-4", "5")) {
                Map<String, Object> row = g.get(cat);
                md.append(' ').append(row == null ? "–" : row.get("recall@10")).append(" |");
            }
            md.append('\n');
        });
        Map<String, Map<String, Object>> lat = (Map<String, Map<String, Object>>)
                report.get("latencyMs");
        md.append("\nLatency (ms; the query embedding timed alone, uncached, in the same run):\n\n"
                + "| | p50 | p95 |\n|---|---:|---:|\n");
        lat.forEach((name, p) -> md.append("| ").append(name).append(" | ").append(p.get("p50"))
                .append(" | ").append(p.get("p95")).append(" |\n"));
        md.append("\nSpectron recall p50 / query-embedding p50: ")
                .append(report.get("recallToEmbeddingP50")).append("× (`spectronEngine`, the ")
                .append("time the engine reports in `queryMs`, without a round trip: ")
                .append(report.get("engineRecallToEmbeddingP50")).append("×).");
        if (report.containsKey("ingestTurnsPerSecond")) {
            md.append(" Ingestion: ").append(report.get("ingestTurnsPerSecond"))
                    .append(" turns/s.");
        }
        md.append('\n');
        return md.toString();
    }

    private static Map<String, Object> percentiles(List<Long> nanos) {
        Percentiles p = percentilesOf(nanos);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50", round(p.ms(50)));
        out.put("p95", round(p.ms(95)));
        return out;
    }

    private static double p50(List<Long> nanos) {
        return percentilesOf(nanos).ms(50);
    }

    private static Percentiles percentilesOf(List<Long> nanos) {
        return new Percentiles(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    private static ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build();
    }
}

package dev.spectron.embed.onnx;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints load time, latency and throughput of both models for conversation turns of about 40
 * tokens. Not a test: run its {@code main} on the test classpath. Timings are never asserted.
 */
public final class EmbedderBenchmark {
    private static final int TEXTS = 384;

    private EmbedderBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> texts = turns(TEXTS, new Random(7));
        System.out.printf("%d texts, mean %.1f tokens (BGE tokenizer); %d cores%n", texts.size(),
                meanTokens(texts), Runtime.getRuntime().availableProcessors());
        for (EmbeddingModel model : EmbeddingModel.values()) {
            report(model, texts);
        }
    }

    private static void report(EmbeddingModel model, List<String> texts) throws Exception {
        for (int batch : new int[] {1, 8, 16, 32}) {
            long start = System.nanoTime();
            try (OnnxEmbedder embedder = OnnxEmbedder.create(model, 1, model.maxTokens(), batch)) {
                if (batch == 1) {
                    double loadMs = (System.nanoTime() - start) / 1e6;
                    start = System.nanoTime();
                    embedder.embedQuery("warm up");
                    System.out.printf("%n%s: load %.0f ms, first call %.1f ms%n", model.id(),
                            loadMs, (System.nanoTime() - start) / 1e6);
                }
                embedder.embedPassages(texts.subList(0, 64));
                if (batch == 1) {
                    System.out.printf("  1 thread, query p50 %.1f ms wall, %.1f ms CPU%n",
                            queryP50(embedder, texts, false), queryP50(embedder, texts, true));
                }
                long cpu = cpuNanos();
                double wall = rate(texts.size(), () -> embedder.embedPassages(texts));
                double perCpuSecond = texts.size() / ((cpuNanos() - cpu) / 1e9);
                double twoCallers = concurrentRate(texts, 2, embedder::embedPassages);
                System.out.printf("  batch %2d, 1 thread: %4.0f texts/s wall, %4.0f per CPU-s;"
                        + " 2 callers: %4.0f texts/s%n", batch, wall, perCpuSecond, twoCallers);
            }
        }
        for (int batch : new int[] {1, 16}) {
            try (OnnxEmbedder embedder = OnnxEmbedder.create(model, 2, model.maxTokens(), batch)) {
                embedder.embedPassages(texts.subList(0, 64));
                System.out.printf("  batch %2d, 2 threads, 1 caller: %4.0f texts/s;"
                        + " query p50 %.1f ms%n", batch,
                        rate(texts.size(), () -> embedder.embedPassages(texts)),
                        queryP50(embedder, texts, false));
            }
        }
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double queryP50(OnnxEmbedder embedder, List<String> texts, boolean cpu) {
        double[] ms = new double[100];
        for (int i = 0; i < ms.length; i++) {
            String query = texts.get(i).substring(0, texts.get(i).length() / 3);
            long start = cpu ? cpuNanos() : System.nanoTime();
            embedder.embedQuery(query);
            ms[i] = ((cpu ? cpuNanos() : System.nanoTime()) - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private static double rate(int count, Runnable work) {
        long start = System.nanoTime();
        work.run();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double concurrentRate(List<String> texts, int callers,
            java.util.function.Consumer<List<String>> work) throws Exception {
        int share = texts.size() / callers;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                List<String> part = texts.subList(c * share, (c + 1) * share);
                futures.add(pool.submit(() -> work.accept(part)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return share * callers / ((System.nanoTime() - start) / 1e9);
    }

    /** Conversation-like turns of roughly 40 tokens. */
    static List<String> turns(int count, Random random) {
        String[] subjects = {"I", "We", "My sister", "Caroline", "Melanie", "Our team", "He"};
        String[] verbs = {"went to", "talked about", "really enjoyed", "started planning",
            "was thinking about", "signed up for", "painted", "wrote a poem about"};
        String[] objects = {"the LGBTQ support group last Tuesday", "a pottery class downtown",
            "the camping trip with the kids", "adoption agencies and counselling options",
            "a charity race for mental health", "the sunrise over the lake",
            "her new job at the library", "the concert in the park on Saturday"};
        String[] tails = {"and it felt amazing, honestly one of the best days this year!",
            "because it reminded me of how far I have come since moving here.",
            "— do you want to join next time? It would mean a lot to me.",
            "and afterwards we grabbed coffee and talked for hours about everything.",
            "so I'm hoping to keep doing it every week if I can find the time."};
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(pick(subjects, random) + " " + pick(verbs, random) + " "
                    + pick(objects, random) + " " + pick(tails, random) + " "
                    + pick(subjects, random) + " " + pick(verbs, random) + " "
                    + pick(objects, random) + ".");
        }
        return texts;
    }

    private static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }

    private static double meanTokens(List<String> texts) {
        WordPieceTokenizer tokenizer = WordPieceTokenizerTest.load(
                EmbeddingModel.BGE_SMALL_EN_V15_Q);
        return texts.stream().mapToInt(t -> tokenizer.encode(t, 512).length).average().orElse(0);
    }
}

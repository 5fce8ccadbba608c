package dev.spectron.index.lucene;

import dev.spectron.api.Scope;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.ScoredId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Latency of the Lucene index at 100k documents: vector top-10 (50 HNSW candidates) with its
 * recall against an exact scan, BM25 top-10, and one upsert made searchable (apply = add + NRT
 * refresh). Prints numbers, asserts nothing; not run by the build.
 *
 * <p>Two data sets: uniformly random unit vectors, the worst case for HNSW (no structure to
 * navigate, nearest neighbours barely nearer than the rest), and vectors clustered around random
 * centroids, closer to real embeddings. Each is measured as indexed (in batches of 1000, many
 * segments) and after a force-merge to one segment.
 *
 * <pre>
 * ./mvnw -q -pl spectron-index-lucene test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java --add-modules jdk.incubator.vector -cp \
 *     spectron-index-lucene/target/test-classes:spectron-index-lucene/target/classes:$(cat \
 *     spectron-index-lucene/target/cp.txt) dev.spectron.index.lucene.LuceneSearchIndexBenchmark
 * </pre>
 *
 * Optional arguments: document count (default 100000), dimensions (384), seed (42).
 */
public final class LuceneSearchIndexBenchmark {
    private static final int WARMUP = 2_000;
    private static final int MEASURED = 2_000;
    private static final int RECALL_QUERIES = 200;
    private static final int VOCABULARY = 5_000;
    private static final Scope SCOPE = Scope.of("org", "acme", "user", "alice");
    private static final IndexFilter ALL = new IndexFilter("bench", SCOPE.floorKeys(), Set.of(),
            Optional.empty());

    private LuceneSearchIndexBenchmark() {}

    /** Runs both data sets; arguments: document count, dimensions, seed (all optional). */
    public static void main(String[] args) throws IOException {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dims = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        System.out.printf(Locale.ROOT, "%d docs, %d-d, seed %d, %d cores, Java %s%n", docs, dims,
                seed, Runtime.getRuntime().availableProcessors(), Runtime.version());
        run("random unit vectors", new Vectors(new Random(seed), dims, 0), docs);
        run("clustered (1000 centroids, cos ~0.78 to centroid)",
                new Vectors(new Random(seed), dims, 1_000), docs);
    }

    private static void run(String dataset, Vectors source, int docs) throws IOException {
        System.out.println();
        System.out.println("== " + dataset);
        Random random = new Random(source.random.nextLong());
        Path dir = Files.createTempDirectory("spectron-lucene-bench");
        float[][] vectors = new float[docs][];
        try {
            try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
                long start = System.nanoTime();
                List<IndexChange> batch = new ArrayList<>();
                for (int i = 0; i < docs; i++) {
                    vectors[i] = source.next();
                    batch.add(upsert(i + 1, "d" + i, sentence(random, 8 + random.nextInt(12)),
                            vectors[i]));
                    if (batch.size() == 1_000) {
                        index.apply(batch);
                        batch.clear();
                    }
                }
                index.apply(batch);
                System.out.printf(Locale.ROOT, "indexed in batches of 1000 in %.1f s%n",
                        (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                awaitBackgroundMerges();
                index.commit();
                System.out.printf(Locale.ROOT, "background merges settled after %.1f s more%n",
                        (System.nanoTime() - start) / 1e9);
            }
            searches(dir, vectors, source, random);
            long start = System.nanoTime();
            forceMerge(dir);
            System.out.printf(Locale.ROOT, "force-merged in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
            searches(dir, vectors, source, random);
            applies(dir, docs, source, random);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void searches(Path dir, float[][] vectors, Vectors source, Random random)
            throws IOException {
        System.out.printf(Locale.ROOT, "-- %d segment(s)%n", segments(dir));
        float[][] queries = new float[WARMUP + MEASURED][];
        String[] texts = new String[queries.length];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = source.next();
            texts[i] = sentence(random, 3 + random.nextInt(3));
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            report("vector top-10 (k=50)", i -> index.searchVector(ALL, queries[i], 10));
            report("BM25 top-10", i -> index.searchText(ALL, texts[i], 10));
            System.out.printf(Locale.ROOT, "vector recall@10 vs exact scan: %.3f%n",
                    recall(index, vectors, queries));
        }
    }

    private static void applies(Path dir, int docs, Vectors source, Random random) {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            long[] seq = {docs};
            report("apply 1 upsert (add + NRT refresh)", i -> index.apply(List.of(upsert(
                    ++seq[0], "new" + i, sentence(random, 12), source.next()))));
            report("apply 1 upsert + BM25 find", i -> {
                String text = "zzfresh" + i + " " + sentence(random, 10);
                index.apply(List.of(upsert(++seq[0], "find" + i, text, source.next())));
                if (index.searchText(ALL, "zzfresh" + i, 1).isEmpty()) {
                    throw new AssertionError("fresh document not found");
                }
            });
        }
    }

    /**
     * Waits until Lucene's merge threads are gone, so that searches are measured on the index a
     * quiet system would hold rather than on one caught mid-merge.
     */
    private static void awaitBackgroundMerges() {
        while (Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("Lucene Merge Thread"))) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What an operator could run offline; the index itself leaves merging to Lucene. */
    private static void forceMerge(Path dir) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer())
                .setCodec(new WideVectorCodec());
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory, config)) {
            writer.forceMerge(1);
        }
    }

    private static void report(String name, IntConsumer operation) {
        for (int i = 0; i < WARMUP; i++) {
            operation.accept(i);
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            operation.accept(WARMUP + i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-36s p50 %7.3f ms   p95 %7.3f ms   p99 %7.3f ms%n", name,
                nanos[MEASURED / 2] / 1e6, nanos[MEASURED * 95 / 100] / 1e6,
                nanos[MEASURED * 99 / 100] / 1e6);
    }

    private static double recall(LuceneSearchIndex index, float[][] vectors, float[][] queries) {
        int found = 0;
        for (int q = 0; q < RECALL_QUERIES; q++) {
            Set<String> exact = exactTop10(vectors, queries[q]);
            for (ScoredId hit : index.searchVector(ALL, queries[q], 10)) {
                if (exact.contains(hit.id())) {
                    found++;
                }
            }
        }
        return found / (10.0 * RECALL_QUERIES);
    }

    private static Set<String> exactTop10(float[][] vectors, float[] query) {
        Integer[] order = new Integer[vectors.length];
        double[] dots = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            order[i] = i;
            for (int d = 0; d < query.length; d++) {
                dots[i] += vectors[i][d] * query[d];
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(dots[b], dots[a]));
        Set<String> top = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            top.add("d" + order[i]);
        }
        return top;
    }

    private static IndexChange upsert(long seq, String id, String text, float[] vector) {
        return new IndexChange.Upsert(seq, new IndexDocument(id, "bench", "turn", SCOPE.key(), "",
                text, vector, Instant.EPOCH), "bench");
    }

    /** Words drawn with a Zipf-like skew from a synthetic vocabulary, like natural text. */
    private static String sentence(Random random, int words) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words; i++) {
            int rank = (int) Math.min(VOCABULARY - 1, Math.exp(random.nextDouble()
                    * Math.log(VOCABULARY)) - 1);
            out.append(i == 0 ? "" : " ").append("w").append(Integer.toString(rank, 36));
        }
        return out.toString();
    }

    /** Unit vectors: uniformly random, or around random centroids like real embeddings. */
    private static final class Vectors {
        final Random random;
        final int dims;
        final float[][] centroids;

        Vectors(Random random, int dims, int clusters) {
            this.random = random;
            this.dims = dims;
            this.centroids = new float[clusters][];
            for (int i = 0; i < clusters; i++) {
                centroids[i] = unit(new float[dims]);
            }
        }

        float[] next() {
            float[] v = unit(new float[dims]);
            if (centroids.length > 0) {
                float[] centroid = centroids[random.nextInt(centroids.length)];
                for (int i = 0; i < dims; i++) {
                    v[i] = centroid[i] + 0.8f * v[i];
                }
            }
            return IndexFields.unit(v);
        }

        private float[] unit(float[] v) {
            for (int i = 0; i < dims; i++) {
                v[i] = (float) random.nextGaussian();
            }
            return IndexFields.unit(v);
        }
    }

    private static int segments(Path dir) throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir);
                DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.leaves().size();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

package dev.spectron.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spectron.engine.contract.SearchIndexContract;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.spi.ScoredId;
import dev.spectron.engine.spi.SearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link SearchIndexContract} on Lucene, plus what only a Lucene index does. */
class LuceneSearchIndexTest extends SearchIndexContract {
    @TempDir
    Path dir;

    @Override
    protected SearchIndex createIndex() {
        return LuceneSearchIndex.inMemory();
    }

    @Test
    void watermark_committedIndexReopened_isReadBack() {
        try (SearchIndex fs = LuceneSearchIndex.open(dir)) {
            fs.apply(List.of(upsertChange(41, doc("t1", "pizza")),
                    upsertChange(42, doc("t2", "pasta"))));
            fs.commit();
        }

        try (SearchIndex reopened = LuceneSearchIndex.open(dir)) {
            assertThat(reopened.watermark()).isEqualTo(42);
            assertThat(reopened.size()).isEqualTo(2);
            assertThat(ids(reopened.searchText(filter(ALICE), "pizza", 10))).containsExactly("t1");
        }
    }

    @Test
    void embeddingModel_adoptedThenCommittedAndReopened_isReadBack() {
        try (SearchIndex fs = LuceneSearchIndex.open(dir)) {
            fs.adoptEmbeddingModel("model-a");
            fs.apply(List.of(upsertChange(7, doc("t1", "pizza"))));
            fs.commit();
        }

        try (SearchIndex reopened = LuceneSearchIndex.open(dir)) {
            assertThat(reopened.embeddingModel()).isEqualTo("model-a");
            assertThat(reopened.watermark()).isEqualTo(7);
            assertThat(reopened.adoptEmbeddingModel("model-a")).isFalse();
            assertThat(reopened.size()).isEqualTo(1);
        }
    }

    @Test
    void adoptEmbeddingModel_clearingOnDisk_isDurableWithoutCommit() {
        try (SearchIndex fs = LuceneSearchIndex.open(dir)) {
            fs.adoptEmbeddingModel("model-a");
            fs.apply(List.of(upsertChange(7, doc("t1", "pizza"))));
            fs.commit();
            fs.adoptEmbeddingModel("model-b");
        }

        try (SearchIndex reopened = LuceneSearchIndex.open(dir)) {
            assertThat(reopened.embeddingModel()).isEqualTo("model-b");
            assertThat(reopened.watermark()).isZero();
            assertThat(reopened.size()).isZero();
        }
    }

    @Test
    void embeddingModel_indexCommittedBeforeModelsWereRecorded_isEmpty() throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory,
                        new IndexWriterConfig(new EnglishAnalyzer())
                                .setCodec(new WideVectorCodec()))) {
            writer.addDocument(IndexFields.toDocument(doc("old", "pizza", axis(0))));
            writer.setLiveCommitData(java.util.Map.of(LuceneSearchIndex.WATERMARK_KEY, "5",
                    LuceneSearchIndex.SCHEMA_KEY, Integer.toString(LuceneSearchIndex.SCHEMA))
                    .entrySet());
            writer.commit();
        }

        try (SearchIndex reopened = LuceneSearchIndex.open(dir)) {
            assertThat(reopened.embeddingModel()).isEmpty();
            assertThat(reopened.watermark()).isEqualTo(5);
            assertThat(reopened.adoptEmbeddingModel("model-a")).isTrue();
            assertThat(reopened.size()).isZero();
        }
    }

    @Test
    void close_withoutCommit_losesLaterChangesAndWatermarkSaysSo() {
        try (SearchIndex fs = LuceneSearchIndex.open(dir)) {
            fs.apply(List.of(upsertChange(1, doc("t1", "pizza"))));
            fs.commit();
            fs.apply(List.of(upsertChange(2, doc("t2", "pizza")), new IndexChange.Delete(3, "t1")));
            assertThat(fs.watermark()).isEqualTo(3);
        }

        try (SearchIndex reopened = LuceneSearchIndex.open(dir)) {
            assertThat(reopened.watermark()).isEqualTo(1);
            assertThat(ids(reopened.searchText(filter(ALICE), "pizza", 10))).containsExactly("t1");
        }
    }

    @Test
    void open_newDirectory_createsEmptyIndexWithWatermarkZero() {
        Path nested = dir.resolve("data").resolve("index");

        try (SearchIndex fs = LuceneSearchIndex.open(nested)) {
            assertThat(fs.watermark()).isZero();
            assertThat(fs.size()).isZero();
        }
        assertThat(nested).isDirectory();
    }

    @Test
    void open_directoryAlreadyOpen_throwsNamingTheDirectory() {
        try (SearchIndex first = LuceneSearchIndex.open(dir)) {
            assertThat(first.watermark()).isZero();
            assertThatThrownBy(() -> LuceneSearchIndex.open(dir))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(dir.toString());
        }
    }

    @Test
    void open_corruptIndex_startsEmptyWithWatermarkZero() throws IOException {
        try (SearchIndex fs = LuceneSearchIndex.open(dir)) {
            fs.apply(List.of(upsertChange(7, doc("t1", "pizza"))));
            fs.commit();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_"))
                    .toList()) {
                Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
            }
        }

        try (SearchIndex reopened = LuceneSearchIndex.open(dir)) {
            assertThat(reopened.watermark()).isZero();
            assertThat(reopened.size()).isZero();
            reopened.apply(List.of(upsertChange(1, doc("t1", "pizza"))));
            assertThat(ids(reopened.searchText(filter(ALICE), "pizza", 10))).containsExactly("t1");
        }
    }

    @Test
    void open_indexOfAnEarlierSchema_startsEmptyWithWatermarkZeroAndWorks() throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory,
                        new IndexWriterConfig(new EnglishAnalyzer())
                                .setCodec(new WideVectorCodec()))) {
            Document old = IndexFields.toDocument(doc("old", "pizza", axis(0)));
            old.removeField(IndexFields.RECORD_ID); // as schema 1 wrote it
            writer.addDocument(old);
            writer.setLiveCommitData(
                    java.util.Map.of(LuceneSearchIndex.WATERMARK_KEY, "5").entrySet());
            writer.commit();
        }

        try (SearchIndex reopened = LuceneSearchIndex.open(dir)) {
            assertThat(reopened.watermark()).isZero();
            assertThat(reopened.size()).isZero();
            reopened.apply(List.of(upsertChange(1, doc("new", "pizza", axis(0)))));
            assertThat(ids(reopened.searchText(filter(ALICE), "pizza", 10)))
                    .containsExactly("new");
            assertThat(ids(reopened.searchVector(filter(ALICE), axis(0), 10)))
                    .containsExactly("new");
            reopened.commit();
        }
        try (SearchIndex again = LuceneSearchIndex.open(dir)) {
            assertThat(again.watermark()).isEqualTo(1);
            assertThat(again.size()).isEqualTo(1);
        }
    }

    @Test
    void search_filterUsedOftenThenDocumentsChange_findsOnlyCurrentDocuments() {
        for (int i = 0; i < 50; i++) {
            upsert(doc("t" + i, "pizza number " + i, axis(i % 4)));
        }
        for (int i = 0; i < 20; i++) { // often enough for the filter to be cached
            assertThat(index.searchText(filter(ALICE), "pizza", 100)).hasSize(50);
            assertThat(index.searchVector(filter(ALICE), axis(0), 100)).hasSize(50);
        }

        index.apply(List.of(new IndexChange.Delete(100, "t0"), new IndexChange.Delete(101, "t1"),
                upsertChange(102, doc("t50", "pizza again", axis(0)))));

        assertThat(ids(index.searchText(filter(ALICE), "pizza", 100)))
                .hasSize(49).contains("t50").doesNotContain("t0", "t1");
        assertThat(ids(index.searchVector(filter(ALICE), axis(0), 100)))
                .hasSize(49).contains("t50").doesNotContain("t0", "t1");
    }

    @Test
    void clear_thenVectorsOfAnotherDimension_areIndexedAndFound() {
        upsert(doc("small", "pizza", axis(0)));
        index.clear();
        float[] wide = new float[16];
        wide[3] = 1;

        index.apply(List.of(upsertChange(1, doc("wide", "pizza", wide))));

        List<ScoredId> hits = index.searchVector(filter(ALICE), wide, 10);
        assertThat(ids(hits)).containsExactly("wide");
        assertThat(hits.get(0).score()).isCloseTo(1f, within(1e-4f));
    }

    @Test
    void adoptEmbeddingModel_anotherModel_acceptsVectorsOfAnotherDimension() {
        index.adoptEmbeddingModel("small-model");
        upsert(doc("small", "pizza", axis(0)));
        index.adoptEmbeddingModel("wide-model");
        float[] wide = new float[16];
        wide[3] = 1;

        index.apply(List.of(upsertChange(1, doc("wide", "pizza", wide))));

        assertThat(ids(index.searchVector(filter(ALICE), wide, 10))).containsExactly("wide");
    }

    @Test
    void clear_onDisk_isDurable() {
        try (SearchIndex fs = LuceneSearchIndex.open(dir)) {
            fs.apply(List.of(upsertChange(5, doc("t1", "pizza"))));
            fs.commit();
            fs.clear();
        }

        try (SearchIndex reopened = LuceneSearchIndex.open(dir)) {
            assertThat(reopened.watermark()).isZero();
            assertThat(reopened.size()).isZero();
        }
    }

    @Test
    void apply_vectorOfAnotherDimension_throwsAndKeepsEarlierChanges() {
        List<IndexChange> batch = List.of(
                upsertChange(1, doc("ok", "pizza", axis(0))),
                upsertChange(2, doc("bad", "pizza", new float[] {1, 0, 0})),
                upsertChange(3, doc("after", "pizza", axis(0))));

        assertThatThrownBy(() -> index.apply(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("change 2");

        assertThat(index.watermark()).isEqualTo(1);
        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10))).containsExactly("ok");
    }

    @Test
    void apply_documentWithoutVector_isFoundByTextOnly() {
        index.apply(List.of(upsertChange(1, doc("text-only", "pizza", new float[0])),
                upsertChange(2, doc("both", "pizza", axis(0)))));

        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10)))
                .containsExactlyInAnyOrder("text-only", "both");
        assertThat(ids(index.searchVector(filter(ALICE), axis(0), 10))).containsExactly("both");
    }

    @Test
    void apply_documentWithNullId_throwsNamingTheField() {
        IndexDocument noId = new IndexDocument(null, CONTEXT, "turn", ALICE.key(), "", "pizza",
                axis(0), Instant.EPOCH);

        assertThatThrownBy(() -> index.apply(List.of(upsertChange(1, noId))))
                .hasMessageContaining("document.id");
    }

    @Test
    void apply_1536DimensionalVectors_areIndexedAsAPlainLuceneIndex() throws IOException {
        float[] query = randomUnit(new Random(3), 1536);
        try (SearchIndex fs = LuceneSearchIndex.open(dir)) {
            fs.apply(List.of(upsertChange(1, doc("t1", "pizza", query))));
            fs.commit();
            assertThat(fs.searchVector(filter(ALICE), query, 1).get(0).score())
                    .isCloseTo(1f, within(1e-4f));
        }

        try (FSDirectory directory = FSDirectory.open(dir);
                DirectoryReader reader = DirectoryReader.open(directory)) {
            assertThat(reader.numDocs()).isEqualTo(1);
        }
    }

    @Test
    void searchVector_queryOfAnotherDimension_throwsIllegalArgument() {
        upsert(doc("t1", "pizza", axis(0)));

        assertThatThrownBy(() -> index.searchVector(filter(ALICE), new float[] {1, 0}, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension");
    }

    @Test
    void searchVector_emptyVector_returnsEmptyList() {
        upsert(doc("t1", "pizza", axis(0)));

        assertThat(index.searchVector(filter(ALICE), new float[0], 10)).isEmpty();
    }

    @Test
    void search_nonPositiveLimit_throwsNamingN() {
        assertThatThrownBy(() -> index.searchText(filter(ALICE), "pizza", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be at least 1");
        assertThatThrownBy(() -> index.searchVector(filter(ALICE), axis(0), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchText_moreDistinctTermsThanTheCap_keepsTheFirstTerms() {
        upsert(doc("first", "alpha"), doc("last", "omega"));
        StringBuilder query = new StringBuilder("alpha");
        for (int i = 0; i < 5 * IndexQueries.MAX_QUERY_TERMS; i++) {
            query.append(" w").append(i);
        }
        query.append(" omega");

        assertThat(ids(index.searchText(filter(ALICE), query.toString(), 10)))
                .containsExactly("first");
    }

    @Test
    void close_calledTwice_isHarmlessAndLaterUseFailsClearly() {
        SearchIndex closed = LuceneSearchIndex.inMemory();
        closed.close();
        closed.close();

        assertThatThrownBy(() -> closed.searchText(filter(ALICE), "pizza", 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static float[] randomUnit(Random random, int dimensions) {
        float[] v = new float[dimensions];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalised(v);
    }
}

package dev.spectron.index.lucene;

import dev.spectron.engine.spi.IndexDocument;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene schema: field names and how an {@link IndexDocument} becomes a Lucene document.
 * Only the id is kept (stored, and as a doc value); everything else is indexed for filtering,
 * scoring or (createdAt) later range queries and sorting, because the store of record holds the
 * content.
 */
final class IndexFields {
    /** Record id: exact term, stored, the key of upserts and deletes. */
    static final String ID = "id";
    /**
     * Record id again, as a binary doc value: how searches read their hits' ids. A stored field
     * costs a block decompression per hit (a third of a 200-hit search); a doc value is a read.
     */
    static final String RECORD_ID = "record_id";
    /** Tenant: exact term, filter only. */
    static final String CONTEXT = "context";
    /** Record kind ({@code turn}, …): exact term, filter only. */
    static final String KIND = "kind";
    /** {@code Scope.key()} of the record's exact scope: exact term, filter only. */
    static final String SCOPE = "scope";
    /** Session id, {@code ""} when none: exact term, filter only. */
    static final String SESSION = "session";
    /** Analysed text, scored with BM25. */
    static final String TEXT = "text";
    /** L2-normalised embedding, HNSW graph, dot product. */
    static final String VECTOR = "vector";
    /** Epoch milliseconds: points and doc values. */
    static final String CREATED_AT = "created_at";

    /**
     * Dot product equals cosine on unit vectors and skips the norm computations; vectors are
     * normalised here in case an embedder did not.
     */
    static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    private IndexFields() {}

    /** The term that identifies a record, for updates and deletes. */
    static Term id(String id) {
        return new Term(ID, id);
    }

    /** The Lucene document for a record; a record without a vector is held for BM25 only. */
    static Document toDocument(IndexDocument record) {
        Document doc = new Document();
        doc.add(new StringField(ID, required(record.id(), "id"), Field.Store.YES));
        doc.add(new BinaryDocValuesField(RECORD_ID, new BytesRef(record.id())));
        doc.add(new StringField(CONTEXT, required(record.context(), "context"), Field.Store.NO));
        doc.add(new StringField(KIND, required(record.kind(), "kind"), Field.Store.NO));
        doc.add(new StringField(SCOPE, required(record.scopeKey(), "scopeKey"), Field.Store.NO));
        doc.add(new StringField(SESSION, nullToEmpty(record.sessionId()), Field.Store.NO));
        doc.add(new TextField(TEXT, nullToEmpty(record.text()), Field.Store.NO));
        if (record.vector() != null && record.vector().length > 0) {
            doc.add(new KnnFloatVectorField(VECTOR, unit(record.vector()), SIMILARITY));
        }
        if (record.createdAt() != null) {
            doc.add(new LongField(CREATED_AT, record.createdAt().toEpochMilli(), Field.Store.NO));
        }
        return doc;
    }

    /**
     * The record ids of {@code hits}, in their order. Each segment's hits are read in document
     * order, as doc values require.
     *
     * @throws IllegalStateException if a hit has no {@link #RECORD_ID}, which the index's
     *     schema check on open rules out
     */
    static String[] ids(IndexReader reader, ScoreDoc[] hits) throws IOException {
        // Document number in the high half, position in hits in the low half: sorted by number.
        long[] byDoc = new long[hits.length];
        for (int i = 0; i < hits.length; i++) {
            byDoc[i] = (long) hits[i].doc << 32 | i;
        }
        Arrays.sort(byDoc);
        String[] ids = new String[hits.length];
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        for (long entry : byDoc) {
            int doc = (int) (entry >>> 32);
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                values = leaf.reader().getBinaryDocValues(RECORD_ID);
            }
            if (values == null || !values.advanceExact(doc - leaf.docBase)) {
                throw new IllegalStateException("document " + doc + " has no " + RECORD_ID);
            }
            ids[(int) entry] = values.binaryValue().utf8ToString();
        }
        return ids;
    }

    /**
     * A unit-length copy of {@code vector}; a zero vector is returned as is (it has no direction,
     * and scores 0 against everything).
     */
    static float[] unit(float[] vector) {
        double sum = 0;
        for (float x : vector) {
            sum += (double) x * x;
        }
        float[] copy = vector.clone();
        if (sum == 0 || Math.abs(sum - 1) < 1e-6) {
            return copy;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < copy.length; i++) {
            copy[i] *= scale;
        }
        return copy;
    }

    /**
     * Lucene's DOT_PRODUCT score is {@code max(0, (1 + dot) / 2)}; on unit vectors the dot product
     * is the cosine, so this maps the score back to cosine in [-1, 1].
     */
    static float cosine(float luceneScore) {
        return 2 * luceneScore - 1;
    }

    private static String required(String value, String field) {
        return Objects.requireNonNull(value, () -> "document." + field + " must not be null");
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

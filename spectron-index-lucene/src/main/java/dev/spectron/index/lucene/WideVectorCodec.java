package dev.spectron.index.lucene;

import java.io.IOException;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's default codec, except that vector fields accept up to {@value #MAX_DIMENSIONS}
 * dimensions instead of {@value KnnVectorsFormat#DEFAULT_MAX_DIMENSIONS}, so that remote
 * embedding models (1536-d, 3072-d) can be indexed too.
 *
 * <p>Both the codec and the vector format keep their delegates' names, and the limit is only
 * checked when indexing: an index written with this codec is an ordinary Lucene index, which any
 * reader opens with the standard codec (the way Lucene's own documentation suggests raising the
 * limit).
 */
final class WideVectorCodec extends FilterCodec {
    static final int MAX_DIMENSIONS = 4096;

    private final KnnVectorsFormat vectors = new PerFieldKnnVectorsFormat() {
        private final KnnVectorsFormat wide = new WideFormat(new Lucene99HnswVectorsFormat());

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return wide;
        }
    };

    WideVectorCodec() {
        super(Codec.getDefault().getName(), Codec.getDefault());
    }

    @Override
    public KnnVectorsFormat knnVectorsFormat() {
        return vectors;
    }

    /** HNSW vectors with a higher dimension limit. */
    private static final class WideFormat extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate;

        WideFormat(KnnVectorsFormat delegate) {
            super(delegate.getName());
            this.delegate = delegate;
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String field) {
            return MAX_DIMENSIONS;
        }

        @Override
        public String toString() {
            return "Wide(" + delegate + ", maxDimensions=" + MAX_DIMENSIONS + ")";
        }
    }
}

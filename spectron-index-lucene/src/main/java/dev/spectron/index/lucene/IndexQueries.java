package dev.spectron.index.lucene;

import dev.spectron.engine.spi.IndexFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Builds the index's queries. Tenant, scope, kind and session restrictions are FILTER clauses of
 * the query itself (and the pre-filter of the HNSW search), so a small tenant's hits are found
 * however many better matches other tenants hold.
 */
final class IndexQueries {
    /**
     * Most distinct terms a text query keeps. Far below {@link BooleanQuery#getMaxClauseCount()}
     * (1024 by default), leaving room for the filter clauses; later terms of a longer query are
     * dropped rather than failing the search.
     */
    static final int MAX_QUERY_TERMS = 256;

    private final Analyzer analyzer;

    IndexQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** Everything a query is restricted to, as a constant-score filter. */
    static Query filter(IndexFilter filter) {
        Objects.requireNonNull(filter, "filter must not be null");
        Objects.requireNonNull(filter.context(), "filter.context must not be null");
        Objects.requireNonNull(filter.sessionId(), "filter.sessionId must not be null");
        BooleanQuery.Builder builder = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.CONTEXT, filter.context())), Occur.FILTER)
                .add(anyOf(IndexFields.SCOPE, filter.scopeKeys()), Occur.FILTER);
        if (!filter.kinds().isEmpty()) {
            builder.add(anyOf(IndexFields.KIND, filter.kinds()), Occur.FILTER);
        }
        filter.sessionId().ifPresent(session -> builder.add(
                new TermQuery(new Term(IndexFields.SESSION, session)), Occur.FILTER));
        return builder.build();
    }

    /**
     * BM25 over the text field: a disjunction of the query's analysed terms, restricted by the
     * filter. Query text is never parsed, so operators and special characters are just text.
     *
     * @return empty when the text analyses to no term (blank, only stop words or punctuation)
     */
    Optional<Query> text(IndexFilter filter, String text) {
        Map<String, Integer> terms = analyse(text == null ? "" : text);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        BooleanQuery.Builder anyTerm = new BooleanQuery.Builder();
        // A term said twice counts twice, as in the BM25 sum over query tokens.
        terms.forEach((term, count) -> {
            Query query = new TermQuery(new Term(IndexFields.TEXT, term));
            anyTerm.add(count == 1 ? query : new BoostQuery(query, count), Occur.SHOULD);
        });
        return Optional.of(new BooleanQuery.Builder()
                .add(anyTerm.build(), Occur.MUST)
                .add(filter(filter), Occur.FILTER)
                .build());
    }

    /**
     * Approximate nearest neighbours of a unit vector among the filter's documents. Lucene falls
     * back to an exact scan when the filter matches fewer documents than the graph would visit.
     */
    static Query vector(Query filter, float[] unitVector, int candidates) {
        return new KnnFloatVectorQuery(IndexFields.VECTOR, unitVector, candidates, filter);
    }

    /** The distinct analysed terms of {@code text} in order of first use, with their counts. */
    Map<String, Integer> analyse(String text) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        try (TokenStream tokens = analyzer.tokenStream(IndexFields.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String value = term.toString();
                if (terms.size() < MAX_QUERY_TERMS || terms.containsKey(value)) {
                    terms.merge(value, 1, Integer::sum);
                }
            }
            tokens.end();
        } catch (IOException e) {
            // Analysing a String does no I/O; this is not expected to happen.
            throw new UncheckedIOException("cannot analyse query text", e);
        }
        return terms;
    }

    private static Query anyOf(String field, Collection<String> values) {
        List<BytesRef> terms = new ArrayList<>(values.size());
        for (String value : values) {
            terms.add(new BytesRef(value));
        }
        return new TermInSetQuery(field, terms);
    }
}

package dev.spectron.engine.store;

import dev.spectron.api.Source;
import dev.spectron.api.TextSpan;
import dev.spectron.api.Uncertainty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provenance as a JSON column: {@code {kind, ref, sessionId?, turnId?, metadata, span?, trust}}
 * with {@code span} as {@code {start, end}}; absent optionals are left out. Written field by field
 * rather than by data binding so that the stored shape does not follow {@link Source}'s Java
 * shape by accident (an {@link Optional} would otherwise be written as a bean).
 */
public final class SourceJson {
    private SourceJson() {}

    /**
     * A source as JSON text.
     *
     * @throws dev.spectron.api.InvalidInputException naming {@code field} when its metadata
     *     cannot be written as JSON
     */
    public static String write(Source source, String field) {
        return StoredValues.json(toMap(source), field);
    }

    public static Source read(String json) {
        return fromMap(StoredValues.jsonObject(json));
    }

    /** Uncertainty candidates as a JSON array of {@code {value, source}}. */
    public static String writeCandidates(List<Uncertainty.Candidate> candidates, String field) {
        List<Map<String, Object>> out = new ArrayList<>(candidates.size());
        for (Uncertainty.Candidate candidate : candidates) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", candidate.value());
            entry.put("source", toMap(candidate.source()));
            out.add(entry);
        }
        return StoredValues.json(out, field);
    }

    public static List<Uncertainty.Candidate> readCandidates(String json) {
        List<Uncertainty.Candidate> candidates = new ArrayList<>();
        for (Object element : StoredValues.jsonArray(json)) {
            Map<String, Object> entry = object(element);
            candidates.add(new Uncertainty.Candidate((String) entry.get("value"),
                    fromMap(object(entry.get("source")))));
        }
        return candidates;
    }

    private static Map<String, Object> toMap(Source source) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", source.kind());
        out.put("ref", source.ref());
        source.sessionId().ifPresent(id -> out.put("sessionId", id));
        source.turnId().ifPresent(id -> out.put("turnId", id));
        out.put("metadata", source.metadata());
        source.span().ifPresent(span -> out.put("span",
                Map.of("start", span.start(), "end", span.end())));
        out.put("trust", source.trust());
        return out;
    }

    private static Source fromMap(Map<String, Object> in) {
        Optional<TextSpan> span = Optional.ofNullable(in.get("span")).map(SourceJson::object)
                .map(s -> new TextSpan(number(s.get("start")).intValue(),
                        number(s.get("end")).intValue()));
        return new Source((String) in.get("kind"), (String) in.get("ref"),
                Optional.ofNullable((String) in.get("sessionId")),
                Optional.ofNullable((String) in.get("turnId")),
                object(in.get("metadata")), span, number(in.get("trust")).doubleValue());
    }

    @SuppressWarnings("unchecked") // written by toMap: every JSON object is a string-keyed map
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    private static Number number(Object value) {
        return (Number) value;
    }
}

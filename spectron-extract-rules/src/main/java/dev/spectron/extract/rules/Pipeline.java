package dev.spectron.extract.rules;

import dev.spectron.api.Role;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.ExtractedInstruction;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.engine.spi.KeyRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The extractor's stages in order: sentences → tokens with POS and lemma → clauses → pattern
 * matches → candidates with spans → markers → subjects → canonical keys. Immutable and
 * thread-safe; the OpenNLP runners are borrowed per call.
 */
final class Pipeline {
    private final OpenNlp nlp;
    private final SentenceSplitter sentences = new SentenceSplitter();
    private final TokenTagger tagger;
    private final ClauseSplitter clauses;
    private final PatternMatcher matcher;
    private final CandidateBuilder builder;
    private final MarkerReader markers;
    private final SubjectResolver resolver = new SubjectResolver();
    private final KeyCanonicalizer canonicalizer;

    Pipeline(OpenNlp nlp, Lexicon lexicon, PatternSet patterns, KeyRegistry registry) {
        this.nlp = nlp;
        Phrases phrases = new Phrases(lexicon);
        this.tagger = new TokenTagger(lexicon);
        this.clauses = new ClauseSplitter(lexicon, phrases);
        this.matcher = new PatternMatcher(patterns, phrases, lexicon);
        this.builder = new CandidateBuilder(lexicon, registry);
        this.markers = new MarkerReader(lexicon);
        this.canonicalizer = new KeyCanonicalizer(lexicon, registry);
    }

    Extraction run(ExtractionRequest request) {
        String text = normalize(request.text() == null ? "" : request.text());
        if (text.isBlank()) {
            return Extraction.empty();
        }
        Names names = Names.of(request);
        List<Clause> all = nlp.with(tools -> {
            List<Clause> out = new ArrayList<>();
            for (SentenceSplitter.Bounds b : sentences.split(text, tools)) {
                out.addAll(clauses.split(tagger.tag(text, b.start(), b.end(), tools), names));
            }
            return out;
        });
        List<Candidate> candidates = new ArrayList<>();
        List<ExtractedInstruction> instructions = new ArrayList<>();
        Optional<Instant> observedAt = Optional.ofNullable(request.observedAt());
        for (Clause clause : all) {
            for (Match match : matcher.match(clause, names)) {
                CandidateBuilder.Yield yield = builder.build(match, text);
                for (Candidate candidate : yield.facts()) {
                    markers.read(candidate, observedAt).ifPresent(candidates::add);
                }
                instructions.addAll(yield.instructions());
            }
        }
        Set<ExtractedFact> facts = new LinkedHashSet<>();
        Map<String, ExtractedFact> seen = new LinkedHashMap<>();
        for (SubjectResolver.Resolved resolved : resolver.resolve(candidates, request)) {
            canonicalizer.canonical(resolved).ifPresent(f -> seen.putIfAbsent(identity(f), f));
        }
        facts.addAll(seen.values());
        return new Extraction(List.copyOf(facts), directives(instructions, request),
                entities(facts, candidates));
    }

    /** Same subject, key, value, object, polarity and tense: one fact. */
    private static String identity(ExtractedFact f) {
        return f.subject().address() + "\u0000" + f.key() + "\u0000"
                + EntityKey.normalize(f.value()) + "\u0000" + f.object().map(EntityKey::address)
                .orElse("") + "\u0000" + f.polarity() + "\u0000" + f.tense();
    }

    private static List<ExtractedInstruction> directives(List<ExtractedInstruction> found,
            ExtractionRequest request) {
        if (request.role() != Role.USER && request.role() != Role.SYSTEM) {
            return List.of(); // directives come from the user or the operator, not the agent
        }
        Map<String, ExtractedInstruction> out = new LinkedHashMap<>();
        for (ExtractedInstruction i : found) {
            out.putIfAbsent(i.action() + "\u0000" + EntityKey.normalize(i.text()), i);
        }
        return List.copyOf(out.values());
    }

    private static List<Extraction.NamedEntity> entities(Set<ExtractedFact> facts,
            List<Candidate> candidates) {
        Map<EntityKey, String> out = new LinkedHashMap<>();
        Map<String, String> displays = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.subject() instanceof Ref.Named n) {
                displays.putIfAbsent(EntityKey.normalize(n.display()), n.display());
            }
        }
        for (ExtractedFact f : facts) {
            String display = displays.get(f.subject().name());
            if (display != null) {
                out.putIfAbsent(f.subject(), display);
            }
            f.object().ifPresent(o -> out.putIfAbsent(o, f.value()));
        }
        List<Extraction.NamedEntity> list = new ArrayList<>();
        out.forEach((key, display) -> list.add(new Extraction.NamedEntity(key, display)));
        return list;
    }

    /** Typographic apostrophes and quotes become ASCII; offsets are unchanged. */
    static String normalize(String text) {
        return text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"')
                .replace('\u201d', '"');
    }
}

package dev.spectron.extract.rules;

import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.ExtractedInstruction;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import dev.spectron.engine.spi.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 5: the candidate facts and directives a match yields, with spans. Finds each fact's
 * key (fixed, looked up in the lexicon, or built from a slot), its value (trimmed of articles,
 * qualifiers and trailing time words by {@code [trim.lead]} and {@code [trim.trail]}; split into
 * several values at "and"/"or"/"," when the key takes many values), and its subject. A subject
 * such as "my sister Emma" also yields the relation it implies (sibling_of Emma).
 */
final class CandidateBuilder {
    private static final Set<String> JOINERS = Set.of("and", "or", ",", "&", "/");

    private final Lexicon lexicon;
    private final KeyRegistry registry;
    private final Lexicon.Table pronoun;
    private final Lexicon.Table kin;
    private final Lexicon.Table lead;
    private final Lexicon.Table trail;
    private final Lexicon.Table vague;

    CandidateBuilder(Lexicon lexicon, KeyRegistry registry) {
        this.lexicon = lexicon;
        this.registry = registry;
        this.pronoun = lexicon.table("pronoun");
        this.kin = lexicon.table("kin");
        this.lead = lexicon.table("trim.lead");
        this.trail = lexicon.table("trim.trail");
        this.vague = lexicon.table("vague");
    }

    /**
     * What one match yields.
     *
     * @param facts candidate facts, in pattern order
     * @param instructions candidate directives
     */
    record Yield(List<Candidate> facts, List<ExtractedInstruction> instructions) {}

    Yield build(Match match, String source) {
        List<Candidate> facts = new ArrayList<>();
        Span span = span(match);
        for (Pattern.FactTemplate template : match.pattern().facts()) {
            facts.addAll(facts(match, template, source, span));
        }
        List<ExtractedInstruction> instructions = new ArrayList<>();
        for (Pattern.InstructionTemplate template : match.pattern().instructions()) {
            match.slot(template.slot()).map(r -> trim(match.clause(), r))
                    .filter(r -> r.to() > r.from())
                    .map(r -> instruction(template, match.clause().text(source, r.from(), r.to()),
                            span))
                    .ifPresent(instructions::add);
        }
        return new Yield(facts, instructions);
    }

    private List<Candidate> facts(Match match, Pattern.FactTemplate template, String source,
            Span span) {
        Optional<Match.Range> subjectRange = match.slot(template.subject());
        Ref subject;
        List<Candidate> out = new ArrayList<>();
        if (subjectRange.isPresent()) {
            Optional<Ref> ref = subject(match, subjectRange.get(), source, span, out);
            if (ref.isEmpty()) {
                return out;
            }
            subject = ref.get();
        } else if (Set.of("SELF", "GROUP", "ADDRESSEE", "ORG").contains(template.subject())) {
            subject = new Ref.Pronoun(Ref.Kind.parse(template.subject().toLowerCase(
                    java.util.Locale.ROOT)));
        } else {
            return out; // the slot is optional and did not match
        }
        Pattern.Options options = match.pattern().options().with(template.options());
        double confidence = options.confidence().orElse(0.9);
        if (template.value() instanceof Pattern.ValueExpr.Literal literal) {
            key(match, template.key(), Optional.empty(), source).ifPresent(k ->
                    out.add(candidate(subject, k.key(), literal.text(), k.objectType(), match,
                            Optional.empty(), span, confidence, options)));
            return out;
        }
        String slot = ((Pattern.ValueExpr.FromSlot) template.value()).slot();
        Optional<Match.Range> range = match.slot(slot).map(r -> trim(match.clause(), r))
                .filter(r -> r.to() > r.from());
        if (range.isEmpty()) {
            return out;
        }
        Optional<Found> whole = key(match, template.key(), range, source);
        if (whole.isEmpty()) {
            return out;
        }
        List<Match.Range> parts = manyValued(whole.get().key())
                ? split(match.clause(), range.get()) : List.of(range.get());
        for (Match.Range part : parts) {
            Optional<Found> found = parts.size() == 1 ? whole
                    : key(match, template.key(), Optional.of(part), source);
            found.ifPresent(k -> {
                Match.Range value = k.strip().map(hit -> strip(part, hit)).orElse(part);
                if (vague.at(match.clause().tokens(), value.from(), value.to()).stream()
                        .anyMatch(h -> h.end() == value.to())) {
                    return; // "a few", "something": nothing worth remembering
                }
                String text = match.clause().text(source, value.from(), value.to());
                out.add(candidate(subject, k.key(), text, k.objectType(), match,
                        Optional.of(value), span, confidence, options));
            });
        }
        return out;
    }

    /** A key as found, with what the lexicon entry says about the value. */
    private record Found(String key, Optional<String> objectType, Optional<Lexicon.Hit> strip) {}

    private Optional<Found> key(Match match, Pattern.KeyExpr expr, Optional<Match.Range> value,
            String source) {
        return switch (expr) {
            case Pattern.KeyExpr.Fixed fixed -> Optional.of(new Found(fixed.key(),
                    Optional.empty(), Optional.empty()));
            case Pattern.KeyExpr.Template t -> match.slot(t.slot()).map(r -> new Found(
                    t.prefix() + lemmas(match.clause(), trim(match.clause(), r)) + t.suffix(),
                    Optional.empty(), Optional.empty()));
            case Pattern.KeyExpr.Lookup lookup -> lookup(match, lookup,
                    lookup.slot().isPresent() ? match.slot(lookup.slot().get()) : value);
        };
    }

    private Optional<Found> lookup(Match match, Pattern.KeyExpr.Lookup lookup,
            Optional<Match.Range> range) {
        Lexicon.Table table = lexicon.table(lookup.table());
        Optional<Lexicon.Hit> hit = range.flatMap(r -> table.best(match.clause().tokens(),
                r.from(), r.to()));
        Optional<Lexicon.Entry> entry = hit.map(Lexicon.Hit::entry).or(table::fallback);
        if (entry.isEmpty() || entry.get().column(0).isEmpty()) {
            return Optional.empty();
        }
        String hint = entry.get().column(1);
        Optional<String> type = EntityKey.TYPES.contains(hint) ? Optional.of(hint)
                : Optional.empty();
        Optional<Lexicon.Hit> strip = hint.equals("strip") ? hit : Optional.empty();
        return Optional.of(new Found(entry.get().column(0), type, strip));
    }

    /** Resolves a subject slot; a named relative also yields the kin relation. */
    private Optional<Ref> subject(Match match, Match.Range range, String source, Span span,
            List<Candidate> out) {
        Clause c = match.clause();
        Match.Range r = trimPunct(c, range);
        if (r.to() <= r.from()) {
            return Optional.empty();
        }
        if (r.to() - r.from() == 1) {
            Optional<Lexicon.Entry> p = pronoun.get(c.token(r.from()).lower());
            if (p.isPresent()) {
                return Optional.of(new Ref.Pronoun(Ref.Kind.parse(p.get().column(0))));
            }
        }
        Optional<Ref> appositive = nameThenRelative(match, r, source, span, out);
        if (appositive.isPresent()) {
            return appositive;
        }
        int ownerEnd = ownerEnd(c, r);
        if (ownerEnd > r.from() && ownerEnd < r.to()) {
            Optional<Lexicon.Hit> relative = kin.longestAt(c.tokens(), ownerEnd, r.to());
            if (relative.isPresent()) {
                Match.Range name = trimPunct(c, new Match.Range(relative.get().end(), r.to()));
                if (name.to() > name.from()) {
                    Lexicon.Entry e = relative.get().entry();
                    String type = EntityKey.TYPES.contains(e.column(1)) ? e.column(1) : "person";
                    String display = c.text(source, name.from(), name.to());
                    Optional<Ref> owner = subject(match, new Match.Range(r.from(), ownerEnd),
                            source, span, out);
                    owner.ifPresent(o -> out.add(implied(o, e.column(0), display, type, match,
                            name, span)));
                    return Optional.of(new Ref.Named(type, display));
                }
            }
        }
        int end = r.to();
        if (c.token(end - 1).tagged("PART") && c.token(end - 1).lower().startsWith("'")) {
            end--;
        }
        return end > r.from() ? Optional.of(new Ref.Named("person", c.text(source, r.from(),
                end))) : Optional.empty();
    }

    /** "Emma, my sister": the person, and the relation to the owner it implies. */
    private Optional<Ref> nameThenRelative(Match match, Match.Range r, String source, Span span,
            List<Candidate> out) {
        Clause c = match.clause();
        for (int comma = r.from() + 1; comma < r.to(); comma++) {
            if (!c.token(comma).text().equals(",")) {
                continue;
            }
            Match.Range ownerRange = new Match.Range(comma + 1, r.to());
            int ownerEnd = ownerEnd(c, ownerRange);
            Optional<Lexicon.Hit> relative = ownerEnd > comma + 1
                    ? kin.longestAt(c.tokens(), ownerEnd, r.to()) : Optional.empty();
            if (relative.isEmpty()) {
                return Optional.empty();
            }
            Lexicon.Entry e = relative.get().entry();
            String type = EntityKey.TYPES.contains(e.column(1)) ? e.column(1) : "person";
            String display = c.text(source, r.from(), comma);
            Match.Range name = new Match.Range(r.from(), comma);
            subject(match, new Match.Range(comma + 1, ownerEnd), source, span, out)
                    .ifPresent(owner -> out.add(implied(owner, e.column(0), display, type, match,
                            name, span)));
            return Optional.of(new Ref.Named(type, display));
        }
        return Optional.empty();
    }

    private static Candidate implied(Ref owner, String key, String display, String type,
            Match match, Match.Range name, Span span) {
        return new Candidate(owner, key, display, Optional.of(type), match, Optional.of(name),
                span, 0.9, Optional.of(Tense.CURRENT), Optional.of(Polarity.AFFIRM),
                Optional.empty(), Optional.empty(), true);
    }

    /** Where an owner ("my", "Alice's") at the start of a range ends, or the start if none. */
    private int ownerEnd(Clause c, Match.Range r) {
        if (pronoun.get(c.token(r.from()).lower()).map(e -> e.column(1).equals("poss"))
                .orElse(false)) {
            return r.from() + 1;
        }
        for (int i = r.from() + 1; i < r.to(); i++) {
            Token t = c.token(i);
            if (t.tagged("PART") && t.lower().startsWith("'")) {
                return i + 1;
            }
        }
        return r.from();
    }

    private Candidate candidate(Ref subject, String key, String value,
            Optional<String> objectType, Match match, Optional<Match.Range> range, Span span,
            double confidence, Pattern.Options options) {
        return new Candidate(subject, key, value.strip(), objectType, match, range, span,
                confidence, options.tense(), options.polarity(), Optional.empty(),
                Optional.empty(), false);
    }

    private ExtractedInstruction instruction(Pattern.InstructionTemplate template, String text,
            Span span) {
        if (template.action() == ExtractedInstruction.Action.STOP) {
            return new ExtractedInstruction("stop " + text, template.action(), Optional.of(text),
                    span);
        }
        return new ExtractedInstruction(text, template.action(), Optional.empty(), span);
    }

    private boolean manyValued(String key) {
        return registry.find(key).map(s -> s.cardinality() == KeySpec.Cardinality.MANY)
                .orElse(false);
    }

    /** Splits "Spanish, French and Portuguese" at its joiners. */
    private List<Match.Range> split(Clause c, Match.Range range) {
        List<Match.Range> out = new ArrayList<>();
        int from = range.from();
        for (int i = range.from(); i < range.to(); i++) {
            if (JOINERS.contains(c.token(i).lower()) && !coordinateAdjectives(c, i, range)) {
                addTrimmed(c, from, i, out);
                from = i + 1;
            }
        }
        addTrimmed(c, from, range.to(), out);
        return out;
    }

    /** "a safe, inviting place": the comma joins adjectives of one noun, not two values. */
    private static boolean coordinateAdjectives(Clause c, int comma, Match.Range range) {
        return c.token(comma).text().equals(",") && comma > range.from()
                && comma + 2 < range.to() && c.token(comma - 1).tagged("ADJ")
                && (c.token(comma + 1).tagged("ADJ") || c.token(comma + 1).tagged("VERB"))
                && c.token(comma + 2).tagged("NOUN");
    }

    private void addTrimmed(Clause c, int from, int to, List<Match.Range> out) {
        Match.Range r = trim(c, new Match.Range(from, to));
        if (r.to() > r.from()) {
            out.add(r);
        }
    }

    /** Drops the lexicon phrase from a value if words remain: "vegetarian food" → "vegetarian". */
    private static Match.Range strip(Match.Range part, Lexicon.Hit hit) {
        if (hit.end() == part.to() && hit.start() > part.from()) {
            return new Match.Range(part.from(), hit.start());
        }
        if (hit.start() == part.from() && hit.end() < part.to()) {
            return new Match.Range(hit.end(), part.to());
        }
        return part;
    }

    /** Trims punctuation, articles, possessives, qualifiers and trailing time words. */
    Match.Range trim(Clause c, Match.Range range) {
        int from = range.from();
        int to = range.to();
        boolean changed = true;
        while (changed && from < to) {
            changed = false;
            Token first = c.token(from);
            if (first.punct() || first.tagged("DET") || first.tagged("CCONJ")
                    || pronoun.get(first.lower()).map(e -> e.column(1).equals("poss"))
                    .orElse(false)) {
                from++;
                changed = true;
                continue;
            }
            Optional<Lexicon.Hit> hit = lead.longestAt(c.tokens(), from, to);
            if (hit.isPresent() && hit.get().end() < to) {
                from = hit.get().end();
                changed = true;
                continue;
            }
            Token last = c.token(to - 1);
            if (last.punct() || last.tagged("CCONJ")) {
                to--;
                changed = true;
                continue;
            }
            int cut = trailingPhrase(c, from, to);
            if (cut < to) {
                to = cut;
                changed = true;
            }
        }
        return new Match.Range(from, Math.max(from, to));
    }

    /** Where a trailing {@code [trim.trail]} phrase starts, or {@code to} when none ends there. */
    private int trailingPhrase(Clause c, int from, int to) {
        for (int start = Math.max(from + 1, to - 4); start < to; start++) {
            for (Lexicon.Hit hit : trail.at(c.tokens(), start, to)) {
                if (hit.end() == to) {
                    return start;
                }
            }
        }
        return to;
    }

    private static Match.Range trimPunct(Clause c, Match.Range r) {
        int from = r.from();
        int to = r.to();
        while (from < to && c.token(from).punct()) {
            from++;
        }
        while (to > from && c.token(to - 1).punct()) {
            to--;
        }
        return new Match.Range(from, to);
    }

    private static String lemmas(Clause c, Match.Range r) {
        StringBuilder out = new StringBuilder();
        for (int i = r.from(); i < r.to(); i++) {
            if (!out.isEmpty()) {
                out.append('_');
            }
            out.append(c.token(i).lemma());
        }
        return out.toString();
    }

    private static Span span(Match match) {
        int start = Integer.MAX_VALUE;
        int end = 0;
        for (int i = match.start(); i < match.end(); i++) {
            Token t = match.clause().token(i);
            start = Math.min(start, t.start());
            end = Math.max(end, t.end());
        }
        return start > end ? new Span(0, 0) : new Span(start, end);
    }
}

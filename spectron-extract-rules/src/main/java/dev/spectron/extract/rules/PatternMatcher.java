package dev.spectron.extract.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Stage 4: every place where a statement pattern matches a clause. A backtracking matcher over
 * the pattern tree: each element offers the positions where it could end, preferred first, and
 * the first way through the whole pattern wins. Scanning left to right, at each token the first
 * pattern in file order that matches wins, and scanning resumes after its match, so the file's
 * order is the patterns' priority (specific before general). Questions are skipped unless a
 * pattern says {@code questions}. Thread-safe (all state lives in a per-call {@code Run}).
 */
final class PatternMatcher {
    private final PatternSet patterns;
    private final Phrases phrases;
    private final Lexicon lexicon;

    PatternMatcher(PatternSet patterns, Phrases phrases, Lexicon lexicon) {
        this.patterns = patterns;
        this.phrases = phrases;
        this.lexicon = lexicon;
    }

    List<Match> match(Clause clause, Names names) {
        List<Match> out = new ArrayList<>();
        int start = 0;
        while (start < clause.size()) {
            Match found = null;
            for (Pattern pattern : patterns.patterns()) {
                if (clause.question() && !pattern.options().questions()) {
                    continue;
                }
                found = new Run(clause, names).at(pattern, start);
                if (found != null) {
                    break;
                }
            }
            if (found == null) {
                start++;
            } else {
                out.add(found);
                start = found.end();
            }
        }
        return out;
    }

    /** One attempt's mutable state. */
    private final class Run {
        private final Clause c;
        private final Names names;
        private final Map<String, Match.Range> slots = new HashMap<>();
        private final boolean[] literal;
        private Match result;

        Run(Clause c, Names names) {
            this.c = c;
            this.names = names;
            this.literal = new boolean[c.size()];
        }

        Match at(Pattern pattern, int start) {
            boolean found = m(pattern.node(), start, end -> {
                result = new Match(pattern, c, start, end, slots, literal);
                return true;
            });
            return found && result.end() > start ? result : null;
        }

        private boolean m(PatternNode node, int pos, IntPredicate k) {
            int size = c.size();
            return switch (node) {
                case PatternNode.Word w -> pos < size && c.token(pos).is(w.word())
                        && literal(pos, pos + 1, k);
                case PatternNode.Surface s -> pos < size && c.token(pos).lower().equals(s.text())
                        && literal(pos, pos + 1, k);
                case PatternNode.Tag t -> pos < size && c.token(pos).tagged(t.tag())
                        && literal(pos, pos + 1, k);
                case PatternNode.TableRef r -> table(r, pos, k);
                case PatternNode.Any a -> pos < size && literal(pos, pos + 1, k);
                case PatternNode.Chunk ch -> chunk(ch, pos, k);
                case PatternNode.Seq s -> seq(s.items(), 0, pos, k);
                case PatternNode.Alt a -> alt(a.options(), pos, k);
                case PatternNode.Repeat r -> repeat(r, pos, 0, k);
                case PatternNode.Slot s -> slot(s, pos, k);
                case PatternNode.Not n -> !probe(n.node(), pos) && k.test(pos);
                case PatternNode.Start st -> pos == 0 && k.test(pos);
                case PatternNode.End e -> pos == size && k.test(pos);
                case PatternNode.Filler f -> filler(pos, k);
            };
        }

        private boolean literal(int from, int to, IntPredicate k) {
            for (int i = from; i < to; i++) {
                literal[i] = true;
            }
            if (k.test(to)) {
                return true;
            }
            for (int i = from; i < to; i++) {
                literal[i] = false;
            }
            return false;
        }

        private boolean table(PatternNode.TableRef ref, int pos, IntPredicate k) {
            for (Lexicon.Hit hit : lexicon.table(ref.table()).at(c.tokens(), pos, c.size())) {
                if (!ref.filter().isEmpty() && !hit.entry().columns().contains(ref.filter())) {
                    continue;
                }
                if (literal(pos, hit.end(), k)) {
                    return true;
                }
            }
            return false;
        }

        private boolean chunk(PatternNode.Chunk chunk, int pos, IntPredicate k) {
            int[] ends = switch (chunk.kind()) {
                case "np" -> phrases.np(c, pos);
                case "name" -> phrases.name(c, pos, false);
                case "cap" -> phrases.name(c, pos, true);
                case "num" -> phrases.num(c, pos);
                case "qty" -> phrases.qty(c, pos);
                case "rest" -> phrases.rest(c, pos);
                case "nn" -> phrases.nn(c, pos);
                case "subj" -> phrases.subject(c, pos, names);
                case "poss" -> phrases.possessive(c, pos, names);
                default -> throw new IllegalStateException("unknown primitive " + chunk.kind());
            };
            for (int end : ends) {
                if (!chunk.table().isEmpty() && !headedBy(chunk.table(), pos, end)) {
                    continue;
                }
                if (k.test(end)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether a phrase's head is a phrase of the table: English puts the head last
         * ("data engineer") or before "of" ("head of platform").
         */
        private boolean headedBy(String table, int from, int to) {
            for (int pos = to - 1; pos >= from; pos--) {
                for (Lexicon.Hit hit : lexicon.table(table).at(c.tokens(), pos, to)) {
                    if (hit.end() == to || c.token(hit.end()).lower().equals("of")) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean seq(List<PatternNode> items, int index, int pos, IntPredicate k) {
            if (index == items.size()) {
                return k.test(pos);
            }
            return m(items.get(index), pos, next -> seq(items, index + 1, next, k));
        }

        private boolean alt(List<PatternNode> options, int pos, IntPredicate k) {
            for (PatternNode option : options) {
                if (m(option, pos, k)) {
                    return true;
                }
            }
            return false;
        }

        private boolean repeat(PatternNode.Repeat r, int pos, int count, IntPredicate k) {
            if (count < r.max() && m(r.node(), pos,
                    next -> next > pos && repeat(r, next, count + 1, k))) {
                return true;
            }
            return count >= r.min() && k.test(pos);
        }

        private boolean slot(PatternNode.Slot s, int pos, IntPredicate k) {
            return m(s.inner(), pos, end -> {
                Match.Range old = slots.put(s.name(), new Match.Range(pos, end));
                if (k.test(end)) {
                    return true;
                }
                if (old == null) {
                    slots.remove(s.name());
                } else {
                    slots.put(s.name(), old);
                }
                return false;
            });
        }

        private boolean filler(int pos, IntPredicate k) {
            for (int end : phrases.filler(c, pos)) {
                if (end > pos && filler(end, k)) {
                    return true;
                }
            }
            return k.test(pos);
        }

        /** Whether {@code node} matches at {@code pos}, leaving no trace in the state. */
        private boolean probe(PatternNode node, int pos) {
            boolean[] savedLiteral = literal.clone();
            Map<String, Match.Range> savedSlots = new HashMap<>(slots);
            boolean matched = m(node, pos, end -> true);
            System.arraycopy(savedLiteral, 0, literal, 0, literal.length);
            slots.clear();
            slots.putAll(savedSlots);
            return matched;
        }
    }
}

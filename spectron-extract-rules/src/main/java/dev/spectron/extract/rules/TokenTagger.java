package dev.spectron.extract.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.util.Span;

/**
 * Stage 2: a sentence's words with part of speech and lemma. The UD-EWT tokenizer keeps
 * contractions whole ("I'm", tagged {@code PRON+AUX}, lemma {@code i+be}); this stage splits
 * them so that patterns see "I" and "be". Lemmas the model gets wrong for unknown nouns are
 * replaced by the word, and British spellings are mapped to American ({@code [spelling]}).
 */
final class TokenTagger {
    private static final Pattern CONTRACTION =
            Pattern.compile("(?i)^(.+?)(n't|'s|'m|'re|'ve|'ll|'d)$");
    private static final Map<String, String> SUFFIX_TAG = Map.of("n't", "PART", "'m", "AUX",
            "'re", "AUX", "'ve", "AUX", "'ll", "AUX", "'d", "AUX");
    private static final Map<String, String> SUFFIX_LEMMA = Map.of("n't", "not", "'m", "be",
            "'re", "be", "'ve", "have", "'ll", "will", "'d", "would");
    private static final Map<String, String> STEM_LEMMA = Map.of("ca", "can", "wo", "will",
            "sha", "shall", "ai", "be");
    private static final Map<String, String> PENN = Map.ofEntries(Map.entry("NOUN", "NN"),
            Map.entry("PROPN", "NNP"), Map.entry("VERB", "VB"), Map.entry("AUX", "MD"),
            Map.entry("ADJ", "JJ"), Map.entry("ADV", "RB"), Map.entry("ADP", "IN"),
            Map.entry("DET", "DT"), Map.entry("PRON", "PRP"), Map.entry("NUM", "CD"),
            Map.entry("CCONJ", "CC"), Map.entry("SCONJ", "IN"), Map.entry("PART", "RP"),
            Map.entry("PUNCT", "."), Map.entry("INTJ", "UH"), Map.entry("SYM", "SYM"),
            Map.entry("X", "FW"));

    private final Lexicon.Table spelling;
    private final Lexicon.Table pronouns;
    private final Lexicon.Table questionWords;

    TokenTagger(Lexicon lexicon) {
        this.spelling = lexicon.table("spelling");
        this.pronouns = lexicon.table("pronoun");
        this.questionWords = lexicon.table("question");
    }

    /** Tags the sentence {@code text[from, to)}. */
    Sentence tag(String text, int from, int to, OpenNlp.Tools tools) {
        String s = text.substring(from, to);
        List<Span> spans = splitFinalMark(s, tools.tokenizer().tokenizePos(s));
        String[] words = new String[spans.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = spans.get(i).getCoveredText(s).toString();
        }
        if (shouting(s)) {
            // The models know "I AM 41" no better than "i am 41": tag the lower-case words.
            for (int i = 0; i < words.length; i++) {
                words[i] = words[i].toLowerCase(java.util.Locale.ROOT);
            }
        }
        String[] tags = tools.tagger().tag(words);
        String[] penn = new String[tags.length];
        for (int i = 0; i < tags.length; i++) {
            penn[i] = PENN.getOrDefault(tags[i], tags[i]);
        }
        String[] lemmas = tools.lemmatizer().lemmatize(words, penn);
        List<Token> tokens = new ArrayList<>(words.length + 2);
        for (int i = 0; i < words.length; i++) {
            int start = from + spans.get(i).getStart();
            expand(words[i], tags[i], lemmas[i], start, tokens, i + 1 < words.length
                    ? tags[i + 1] : "PUNCT");
        }
        return new Sentence(tokens, from, to, isQuestion(tokens), isLowerCase(tokens));
    }

    /** True for a sentence written in capitals. */
    private static boolean shouting(String s) {
        int upper = 0;
        int lower = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            }
        }
        return upper > 3 && lower == 0;
    }

    /** The tokenizer glues a sentence's final period to short capitalised words ("MIT."). */
    private static List<Span> splitFinalMark(String s, Span[] spans) {
        List<Span> out = new ArrayList<>(List.of(spans));
        if (out.isEmpty()) {
            return out;
        }
        Span last = out.getLast();
        String word = last.getCoveredText(s).toString();
        char mark = word.charAt(word.length() - 1);
        if (word.length() > 1 && (mark == '.' || mark == '!' || mark == '?')
                && Character.isLetterOrDigit(word.charAt(word.length() - 2))) {
            out.set(out.size() - 1, new Span(last.getStart(), last.getEnd() - 1));
            out.add(new Span(last.getEnd() - 1, last.getEnd()));
        }
        return out;
    }

    private void expand(String word, String tag, String lemma, int start, List<Token> out,
            String nextTag) {
        boolean first = out.isEmpty();
        Matcher m = CONTRACTION.matcher(word);
        if (!m.matches()) {
            out.add(Token.of(word, lemma(word, tag, lemma), tag, start, start + word.length(),
                    first));
            return;
        }
        String head = m.group(1);
        String suffix = m.group(2).toLowerCase(java.util.Locale.ROOT);
        String[] tagParts = tag.split("\\+");
        String[] lemmaParts = lemma.split("\\+");
        String headTag = tagParts.length == 2 ? tagParts[0] : guessHeadTag(head, tag);
        String suffixTag = tagParts.length == 2 ? tagParts[1] : suffixTag(suffix, nextTag);
        String headLemma = lemmaParts.length == 2 ? lemmaParts[0]
                : STEM_LEMMA.getOrDefault(head.toLowerCase(java.util.Locale.ROOT),
                        head.toLowerCase(java.util.Locale.ROOT));
        String suffixLemma = suffixTag.equals("PART") && suffix.equals("'s") ? "'s"
                : suffix.equals("'s") ? "be" : SUFFIX_LEMMA.get(suffix);
        int split = start + head.length();
        out.add(Token.of(head, lemma(head, headTag, headLemma), headTag, start, split, first));
        out.add(Token.of(word.substring(head.length()), suffixLemma, suffixTag, split,
                start + word.length(), false));
    }

    private String guessHeadTag(String head, String tag) {
        if (pronouns.contains(head.toLowerCase(java.util.Locale.ROOT))) {
            return "PRON";
        }
        return tag.equals("PUNCT") || tag.equals("X") || tag.contains("+") ? "NOUN" : tag;
    }

    private static String suffixTag(String suffix, String nextTag) {
        if (!suffix.equals("'s")) {
            return SUFFIX_TAG.get(suffix);
        }
        // "'s" is "is" before an adjective, article, adverb, number or verb; else possessive.
        return switch (nextTag) {
            case "ADJ", "DET", "ADV", "NUM", "VERB", "AUX", "PART", "PUNCT" -> "AUX";
            default -> "PART";
        };
    }

    /** The model's lemma, unless it is clearly wrong for a name or unknown word. */
    private String lemma(String word, String tag, String lemma) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        String out = lemma.toLowerCase(java.util.Locale.ROOT);
        boolean nominal = switch (tag) {
            case "NOUN", "ADJ", "X", "NUM", "INTJ", "SYM" -> true;
            default -> false;
        };
        if (tag.equals("PROPN") || out.isEmpty() || out.contains("+") || out.equals("_")
                || out.equals("o") && !lower.equals("o")
                || nominal && out.charAt(0) != lower.charAt(0)) {
            out = lower;
        }
        return spelling.get(out).map(e -> e.column(0)).orElse(out);
    }

    private boolean isQuestion(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.getLast();
        if (last.text().equals("?")) {
            return true;
        }
        Token first = tokens.getFirst();
        return questionWords.get(first.lower()).map(e -> switch (e.column(0)) {
            case "wh" -> tokens.size() > 1 && !tokens.get(1).punct();
            case "aux" -> tokens.size() > 1 && (tokens.get(1).tagged("PRON")
                    || tokens.get(1).tagged("DET"));
            default -> false;
        }).orElse(false);
    }

    /**
     * A writer who does not capitalise: the sentence starts in lower case, or says "i", or has
     * no capital at all. Only then can a name be told without its capital ("i work at google").
     */
    private static boolean isLowerCase(List<Token> tokens) {
        boolean anyCapital = false;
        for (Token t : tokens) {
            if (t.text().equals("i")) {
                return true;
            }
            anyCapital |= t.capitalized();
        }
        Token first = tokens.getFirst();
        return !anyCapital || (Character.isLetter(first.text().charAt(0))
                && Character.isLowerCase(first.text().charAt(0)));
    }
}

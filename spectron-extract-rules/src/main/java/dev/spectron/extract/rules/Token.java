package dev.spectron.extract.rules;

import java.util.Locale;

/**
 * One word of a sentence with its part of speech and lemma.
 *
 * @param text the word as written
 * @param lower the word in lower case
 * @param lemma its dictionary form, lower case, American spelling ("favourite" → "favorite")
 * @param tag its Universal Dependencies part-of-speech tag (NOUN, PROPN, VERB, AUX, PRON…)
 * @param start offset of its first character in the whole text
 * @param end offset one past its last character
 * @param sentenceStart true for the first word of a sentence
 */
record Token(String text, String lower, String lemma, String tag, int start, int end,
        boolean sentenceStart) {

    static Token of(String text, String lemma, String tag, int start, int end, boolean first) {
        return new Token(text, text.toLowerCase(Locale.ROOT), lemma, tag, start, end, first);
    }

    /** True when the word, its lemma or its singular form is {@code word} (lower case). */
    boolean is(String word) {
        return lower.equals(word) || lemma.equals(word) || singular().equals(word);
    }

    /** True when the tag is {@code tag}. */
    boolean tagged(String tag) {
        return this.tag.equals(tag);
    }

    /** True when the word starts with an upper-case letter. */
    boolean capitalized() {
        return !text.isEmpty() && Character.isUpperCase(text.codePointAt(0));
    }

    /** True for punctuation: no letter or digit ("-fi", which the tokenizer splits off, is not). */
    boolean punct() {
        return text.codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /** A crude singular of the lower-case word, for matching plurals the lemmatizer missed. */
    String singular() {
        int n = lower.length();
        if (n > 4 && lower.endsWith("ies")) {
            return lower.substring(0, n - 3) + "y";
        }
        if (n > 3 && lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us")) {
            return lower.substring(0, n - 1);
        }
        return lower;
    }

    /** A copy placed at another sentence position (used when a clause borrows a subject). */
    Token notSentenceStart() {
        return new Token(text, lower, lemma, tag, start, end, false);
    }
}

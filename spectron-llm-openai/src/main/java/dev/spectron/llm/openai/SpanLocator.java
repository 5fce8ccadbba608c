package dev.spectron.llm.openai;

import dev.spectron.engine.spi.Span;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the model's evidence quote in the text it came from. Models copy quotes imperfectly, so
 * the search relaxes step by step: exact; then ignoring case and runs of whitespace; then without
 * surrounding quotation marks, ellipses and final punctuation. A quote that cannot be found
 * yields the whole text: provenance then points at the turn, which is true if imprecise.
 */
final class SpanLocator {
    /** Whitespace, straight and curly quotation marks, guillemets, the ellipsis character. */
    private static final String WRAPPERS = "[\\s\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026]+";
    private static final Pattern WRAPPING =
            Pattern.compile("^" + WRAPPERS + "|" + WRAPPERS + "$|^\\.{3}|\\.{3}$");
    private static final Pattern FINAL_PUNCTUATION = Pattern.compile("[\\s.,;:!?]+$");

    private SpanLocator() {}

    /** Where {@code evidence} occurs in {@code text}, else all of {@code text}. */
    static Span locate(String text, String evidence) {
        if (evidence != null && !evidence.isBlank()) {
            int exact = text.indexOf(evidence);
            if (exact >= 0) {
                return new Span(exact, exact + evidence.length());
            }
            String unwrapped = unwrap(evidence);
            for (String quote : new String[] {evidence, unwrapped,
                    FINAL_PUNCTUATION.matcher(unwrapped).replaceAll("")}) {
                Span found = relaxed(text, quote);
                if (found != null) {
                    return found;
                }
            }
        }
        return new Span(0, text.length());
    }

    /** Case-insensitive, any run of whitespace matching any other; null when absent. */
    private static Span relaxed(String text, String quote) {
        String[] words = quote.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return null;
        }
        String regex = Arrays.stream(words).map(Pattern::quote)
                .collect(Collectors.joining("\\s+"));
        Matcher match = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text);
        return match.find() ? new Span(match.start(), match.end()) : null;
    }

    /** Without surrounding whitespace, quotation marks and ellipses. */
    private static String unwrap(String quote) {
        String previous;
        String current = quote;
        do {
            previous = current;
            current = WRAPPING.matcher(current).replaceAll("");
        } while (!current.equals(previous));
        return current;
    }
}

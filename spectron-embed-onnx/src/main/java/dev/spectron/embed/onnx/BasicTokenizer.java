package dev.spectron.embed.onnx;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * BERT's basic tokenization: the {@code BertNormalizer} and {@code BertPreTokenizer} of
 * HuggingFace tokenizers, in that order. Follows the Rust implementation (tokenizers
 * {@code normalizers/bert.rs}, {@code pre_tokenizers/bert.rs}) rather than the original Python:
 * control characters are Unicode's whole "other" group (Cc, Cf, Cs, Co, Cn), and accents are
 * stripped before lowercasing. Immutable and thread-safe.
 */
final class BasicTokenizer {
    private final boolean cleanText;
    private final boolean chineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    BasicTokenizer(boolean cleanText, boolean chineseChars, boolean stripAccents,
            boolean lowercase) {
        this.cleanText = cleanText;
        this.chineseChars = chineseChars;
        this.stripAccents = stripAccents;
        this.lowercase = lowercase;
    }

    /**
     * Normalises {@code text} and hands its words and punctuation marks to {@code sink} in order,
     * until the sink returns {@code false}.
     */
    void split(String text, Predicate<String> sink) {
        String normalized = normalize(text);
        int wordStart = -1;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean space = isWhitespace(cp);
            if (space || isPunctuation(cp)) {
                if (wordStart >= 0 && !sink.test(normalized.substring(wordStart, i))) {
                    return;
                }
                wordStart = -1;
                if (!space && !sink.test(normalized.substring(i, next))) {
                    return;
                }
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        if (wordStart >= 0) {
            sink.test(normalized.substring(wordStart));
        }
    }

    String normalize(String text) {
        String result = cleanText || chineseChars ? cleanAndSpaceChinese(text) : text;
        if (stripAccents && !isAscii(result)) {
            result = stripAccents(result);
        }
        return lowercase ? lowercase(result) : result;
    }

    /** Drops NUL, U+FFFD and controls, turns whitespace into spaces, spaces out CJK ideographs. */
    private String cleanAndSpaceChinese(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cleanText && (cp == 0 || cp == 0xFFFD || isControl(cp))) {
                return;
            }
            if (chineseChars && isChinese(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else if (cleanText && isWhitespace(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String stripAccents(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * Lowercases character by character, like Rust's {@code char::to_lowercase}: full mappings
     * (İ becomes i + combining dot) but no context rules (a final Σ becomes σ, not ς).
     */
    private static String lowercase(String text) {
        if (isAscii(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp <= 0x7F) {
                out.append((char) Character.toLowerCase(cp));
            } else {
                out.append(Character.toString(cp).toLowerCase(Locale.ROOT));
            }
        });
        return out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Rust's {@code char::is_whitespace}, i.e. Unicode's White_Space property. */
    static boolean isWhitespace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F,
                    0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** Tab, newline and carriage return count as whitespace, not as controls. */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /** ASCII punctuation (which includes symbols such as $ + < = > ^ ` | ~) or Unicode P*. */
    static boolean isPunctuation(int cp) {
        if (cp <= 0x7F) {
            return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
                    || (cp >= 123 && cp <= 126);
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK Unified Ideographs blocks, as in BERT's {@code _is_chinese_char}. */
    static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}

package dev.spectron.engine;

import dev.spectron.engine.spi.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a document into passages for the index: paragraphs (blank-line separated; Markdown
 * headings start a new passage), merged while they fit {@link #TARGET} characters, and split at
 * sentence ends when a paragraph alone is longer than {@link #MAX}. Offsets are kept so that every
 * fact read from a passage can cite its span in the document.
 */
final class Chunker {
    static final int TARGET = 800;
    static final int MAX = 1200;
    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+(?:[.!?]+|$)");

    private Chunker() {}

    static List<Span> chunks(String text) {
        List<Span> paragraphs = new ArrayList<>();
        Matcher m = Pattern.compile("[^\\n](?:[^\\n]|\\n(?![ \\t]*\\n))*").matcher(text);
        while (m.find()) {
            if (!m.group().isBlank()) {
                paragraphs.addAll(split(text, trim(text, m.start(), m.end())));
            }
        }
        List<Span> out = new ArrayList<>();
        Span open = null;
        for (Span p : paragraphs) {
            boolean heading = text.charAt(p.start()) == '#';
            if (open != null && !heading && p.end() - open.start() <= TARGET) {
                open = new Span(open.start(), p.end());
            } else {
                if (open != null) {
                    out.add(open);
                }
                open = p;
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    private static List<Span> split(String text, Span paragraph) {
        if (paragraph.end() - paragraph.start() <= MAX) {
            return List.of(paragraph);
        }
        List<Span> out = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text).region(paragraph.start(), paragraph.end());
        int start = paragraph.start();
        int end = start;
        while (m.find()) {
            if (m.end() - start > TARGET && end > start) {
                out.add(trim(text, start, end));
                start = end;
            }
            end = m.end();
        }
        if (end > start) {
            out.add(trim(text, start, end));
        }
        return out;
    }

    private static Span trim(String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new Span(start, end);
    }
}

package dev.spectron.extract.rules;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.Span;

/**
 * Stage 1: where the sentences of a text are. Line breaks always end a sentence (documents
 * are often lists and headings); within a line, OpenNLP's sentence model decides.
 */
final class SentenceSplitter {

    /**
     * The sentences of a text.
     *
     * @param start offset of the first character
     * @param end offset one past the last character
     */
    record Bounds(int start, int end) {}

    List<Bounds> split(String text, OpenNlp.Tools tools) {
        List<Bounds> out = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            String line = text.substring(lineStart, lineEnd);
            if (!line.isBlank()) {
                for (Span span : tools.sentences().sentPosDetect(line)) {
                    Span trimmed = span.trim(line);
                    if (trimmed.length() > 0) {
                        out.add(new Bounds(lineStart + trimmed.getStart(),
                                lineStart + trimmed.getEnd()));
                    }
                }
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        return out;
    }
}

package dev.spectron.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.spi.Span;
import org.junit.jupiter.api.Test;

class SpanLocatorTest {
    private static final String TEXT = "Hi! I moved to  Oslo last year. I love it there.";

    private static String at(Span span) {
        return TEXT.substring(span.start(), span.end());
    }

    @Test
    void locate_exactQuote_findsIt() {
        assertThat(at(SpanLocator.locate(TEXT, "I love it"))).isEqualTo("I love it");
    }

    @Test
    void locate_otherCaseAndWhitespace_findsOriginal() {
        assertThat(at(SpanLocator.locate(TEXT, "i moved to oslo"))).isEqualTo("I moved to  Oslo");
    }

    @Test
    void locate_quotedWithEllipsisAndPeriod_findsCore() {
        assertThat(at(SpanLocator.locate(TEXT, "“…moved to Oslo last year.”")))
                .isEqualTo("moved to  Oslo last year.");
        assertThat(at(SpanLocator.locate(TEXT, "\"I love it there!\"")))
                .isEqualTo("I love it there");
    }

    @Test
    void locate_absentQuote_isWholeText() {
        assertThat(SpanLocator.locate(TEXT, "I live in Bergen"))
                .isEqualTo(new Span(0, TEXT.length()));
    }

    @Test
    void locate_noEvidence_isWholeText() {
        assertThat(SpanLocator.locate(TEXT, null)).isEqualTo(new Span(0, TEXT.length()));
        assertThat(SpanLocator.locate(TEXT, "  ")).isEqualTo(new Span(0, TEXT.length()));
        assertThat(SpanLocator.locate(TEXT, "\"…\"")).isEqualTo(new Span(0, TEXT.length()));
    }
}

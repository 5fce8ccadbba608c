package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HeldOutPhrasingsTest {

    static Stream<String> phrasings() throws IOException {
        try (InputStream in = HeldOutPhrasingsTest.class.getResourceAsStream("phrasings.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
            return lines.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phrasings")
    void extract_heldOutPhrasing_yieldsExactlyTheExpectedCandidates(String line) {
        Examples.Example example = Examples.parse(line);
        assertThat(Examples.check(example, Fixtures.extractor().extract(example.request())))
                .isEmpty();
    }
}

package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PatternExamplesTest {

    @TestFactory
    Stream<DynamicTest> example_ofEveryPattern_extractsWhatItSays() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Pattern pattern : Fixtures.patterns().patterns()) {
            for (String line : pattern.examples()) {
                Examples.Example example = Examples.parse(line);
                tests.add(DynamicTest.dynamicTest(pattern.id() + ": " + example, () -> {
                    Optional<String> problem = Examples.check(example,
                            Fixtures.extractor().extract(example.request()));
                    assertThat(problem).isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void patterns_everyOne_hasAnExample() {
        assertThat(Fixtures.patterns().patterns())
                .allSatisfy(p -> assertThat(p.examples()).as(p.id()).isNotEmpty());
    }
}

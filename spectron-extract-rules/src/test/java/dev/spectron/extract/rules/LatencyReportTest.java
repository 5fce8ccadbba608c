package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.spi.ExtractionRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints model load time and per-turn latency after warm-up over the pattern examples; asserts
 * nothing about time (unit tests never do), only that every request was served. Benchmarks with
 * numbers to compare live in spectron-eval.
 */
class LatencyReportTest {

    @Test
    void extract_afterWarmUp_reportsLatency() {
        List<ExtractionRequest> requests = new ArrayList<>();
        for (Pattern p : Fixtures.patterns().patterns()) {
            p.examples().forEach(line -> requests.add(Examples.parse(line).request()));
        }
        RulesExtractor extractor = Fixtures.extractor();
        for (int round = 0; round < 3; round++) {
            requests.forEach(extractor::extract);
        }
        long[] nanos = new long[requests.size() * 3];
        int n = 0;
        for (int round = 0; round < 3; round++) {
            for (ExtractionRequest request : requests) {
                long start = System.nanoTime();
                extractor.extract(request);
                nanos[n++] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("rules extractor: models loaded in %.0f ms; %d turns after warm-up: "
                        + "p50 %.3f ms, p95 %.3f ms, max %.3f ms%n",
                Fixtures.nlp().loadNanos() / 1e6, nanos.length, nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.95)] / 1e6, nanos[nanos.length - 1] / 1e6);
        assertThat(n).isEqualTo(requests.size() * 3);
    }
}

package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.spi.Extraction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static List<Examples.Example> examples() {
        List<Examples.Example> out = new ArrayList<>();
        for (Pattern p : Fixtures.patterns().patterns()) {
            p.examples().forEach(line -> out.add(Examples.parse(line)));
        }
        return out;
    }

    private static List<Extraction> extractAll(List<Examples.Example> examples) {
        return examples.stream().map(e -> Fixtures.extractor().extract(e.request())).toList();
    }

    @Test
    void extract_sameTextTwice_givesEqualResults() {
        List<Examples.Example> examples = examples();
        assertThat(extractAll(examples)).isEqualTo(extractAll(examples));
    }

    @Test
    void extract_fromEightThreads_givesTheSequentialResults() throws Exception {
        List<Examples.Example> examples = examples();
        List<Extraction> expected = extractAll(examples);
        List<Callable<List<Extraction>>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t;
            tasks.add(() -> {
                List<Extraction> out = new ArrayList<>(examples.size());
                for (int i = 0; i < examples.size(); i++) {
                    // each thread walks the examples from a different start, so threads
                    // extract different texts at the same moment
                    int at = (i + offset * 17) % examples.size();
                    out.add(null);
                    out.set(i, Fixtures.extractor().extract(examples.get(at).request()));
                }
                List<Extraction> ordered = new ArrayList<>(out);
                for (int i = 0; i < examples.size(); i++) {
                    ordered.set((i + offset * 17) % examples.size(), out.get(i));
                }
                return ordered;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<List<Extraction>> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

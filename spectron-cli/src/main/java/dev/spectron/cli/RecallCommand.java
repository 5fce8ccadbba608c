package dev.spectron.cli;

import dev.spectron.api.Hit;
import dev.spectron.api.Recall;
import dev.spectron.api.RecallInclude;
import dev.spectron.api.RecallRequest;
import dev.spectron.client.SpectronClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spectron recall QUERY}. */
@Command(name = "recall", mixinStandardHelpOptions = true,
        description = "Recall memories, e.g."
                + " spectron recall --scope user=alice \"food preferences\"")
final class RecallCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = {"-k", "--top-k"}, defaultValue = "10", description = "Hits (default 10).")
    int k;

    @Option(names = "--include", split = ",", paramLabel = "KIND",
            description = "Only these kinds: facts, turns, documents, instructions"
                    + " (comma-separated; default all).")
    java.util.List<String> include;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for.")
    String[] words;

    @Override
    public Integer call() {
        try (SpectronClient c = client.client()) {
            RecallRequest request = RecallRequest.of(String.join(" ", words), client.scope(), k);
            if (include != null) {
                request = request.withInclude(include.stream().map(RecallInclude::parse)
                        .collect(java.util.stream.Collectors.toSet()));
            }
            Recall recall = c.memory().recall(request);
            for (Hit hit : recall.hits()) {
                System.out.printf("%.4f  %s  %-9s  %s%n", hit.score(), hit.id(),
                        hit.kind().wireName(), hit.text());
            }
            System.out.printf("%d hits in %.1f ms%n", recall.hits().size(), recall.queryMs());
            return 0;
        }
    }
}

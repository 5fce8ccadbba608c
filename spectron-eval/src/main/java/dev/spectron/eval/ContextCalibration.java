package dev.spectron.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.api.Memory;
import dev.spectron.api.Scope;
import dev.spectron.embedded.EmbeddedOptions;
import dev.spectron.embedded.EmbeddedSpectron;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Measures the context relevance threshold on the committed calibration set
 * ({@code context-calibration.json}): stores the memories in a fresh embedded Spectron, then
 * reports the share of related questions whose context is non-empty and the share of unrelated
 * questions whose context is exactly {@code ""}, through the same code path users call.
 */
public final class ContextCalibration {
    private final String model;
    private final PrintStream out;
    private final Optional<Path> set;

    public ContextCalibration(String model, PrintStream out) {
        this(model, out, Optional.empty());
    }

    /**
     * A calibration over another question set of the same shape ({@code scope},
     * {@code memories}, {@code related}, {@code unrelated}), e.g. the sanity sets next to the
     * calibration set.
     */
    public ContextCalibration(String model, PrintStream out, Optional<Path> set) {
        this.model = model;
        this.out = out;
        this.set = set;
    }

    /** Runs the calibration; returns {@code relatedFilled}, {@code unrelatedEmpty} in percent. */
    public Map<String, Double> run() throws IOException {
        JsonNode set = load();
        Path data = Files.createTempDirectory("spectron-calibration");
        Map<String, Double> result = new TreeMap<>();
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(
                EmbeddedOptions.of(data).withEmbeddingModel(model), n -> { })) {
            Memory memory = spectron.memory();
            Map<String, String> tags = new TreeMap<>();
            set.get("scope").properties().forEach(e -> tags.put(e.getKey(),
                    e.getValue().asText()));
            Scope scope = Scope.of(tags);
            set.get("memories").forEach(m -> memory.remember(m.asText(), scope));
            List<String> missed = new ArrayList<>();
            List<String> leaked = new ArrayList<>();
            int related = 0;
            int filled = 0;
            for (JsonNode q : set.get("related")) {
                related++;
                if (!memory.context(q.asText(), scope).formatted().isEmpty()) {
                    filled++;
                } else {
                    missed.add(q.asText());
                }
            }
            int unrelated = 0;
            int empty = 0;
            for (JsonNode q : set.get("unrelated")) {
                unrelated++;
                if (memory.context(q.asText(), scope).formatted().isEmpty()) {
                    empty++;
                } else {
                    leaked.add(q.asText());
                }
            }
            result.put("relatedFilled", percent(filled, related));
            result.put("unrelatedEmpty", percent(empty, unrelated));
            out.printf("model %s: related questions with context %d/%d (%.1f%%),"
                    + " unrelated questions with empty context %d/%d (%.1f%%)%n", model, filled,
                    related, percent(filled, related), empty, unrelated,
                    percent(empty, unrelated));
            missed.forEach(q -> out.println("  related but empty: " + q));
            leaked.forEach(q -> out.println("  unrelated but filled: " + q));
        }
        return result;
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }

    private JsonNode load() {
        if (set.isPresent()) {
            try {
                return new ObjectMapper().readTree(set.get().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (InputStream in = ContextCalibration.class.getResourceAsStream(
                "context-calibration.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

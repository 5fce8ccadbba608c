package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Context;
import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContextBuilderTest {
    private final ContextBuilder builder =
            new ContextBuilder(EngineConfig.defaults().withContextThresholds(0.7, 0.6));

    @Test
    void build_nothingRelevant_isExactlyEmpty() {
        Context context = builder.build(List.of(candidate("a", 0.5, true),
                candidate("b", 0.65, false)), 1000);
        assertThat(context.formatted()).isEqualTo("");
        assertThat(context.items()).isEmpty();
        assertThat(context.tier()).isEqualTo("none");
    }

    @Test
    void build_similarOrSharedWords_entersWithDate() {
        Context context = builder.build(List.of(candidate("a", 0.75, false),
                candidate("b", 0.62, true), candidate("c", 0.62, false)), 1000);
        assertThat(context.items()).extracting(Hit::id).containsExactly("a", "b");
        assertThat(context.formatted()).startsWith(ContextBuilder.TURNS_HEADING)
                .contains("- [8 May 2023] alice: text a");
    }

    @Test
    void build_tinyBudget_keepsItemsThatFitAndMatchesText() {
        List<Candidate> many = List.of(candidate("a", 0.9, true), candidate("b", 0.9, true),
                candidate("c", 0.9, true));
        Context context = builder.build(many, 25);
        assertThat(ContextBuilder.tokens(context.formatted().length())).isLessThanOrEqualTo(25);
        assertThat(context.items()).extracting(Hit::id).containsExactly("a", "b");
        for (Hit item : context.items()) {
            assertThat(context.formatted()).contains(item.text());
        }
    }

    @Test
    void build_budgetBelowOneLine_isEmpty() {
        assertThat(builder.build(List.of(candidate("a", 0.9, true)), 5).formatted()).isEmpty();
    }

    private static Candidate candidate(String id, double similarity, boolean lexical) {
        Instant at = Instant.parse("2023-05-08T13:56:00Z");
        Hit hit = new Hit(id, HitKind.TURN, "alice: text " + id, 0.1, Optional.empty(),
                new Source("turn", "turn:" + id, Optional.of("s"), Optional.of(id), Map.of()),
                at, Optional.empty(), at);
        return new Candidate(hit, similarity, lexical);
    }
}

package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.Source;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RankingTest {
    private static final Instant AT = Instant.parse("2023-05-25T13:56:00Z");

    @Test
    void timeWeight_whenQuestion_favoursTheTurnThatSaysWhen() {
        Hydrator.Hydrated dated = hydrated(HitKind.TURN,
                "Melanie: I ran a charity race last Saturday.");
        Hydrator.Hydrated undated = hydrated(HitKind.TURN,
                "Caroline: That charity race sounds great, Mel!");
        assertThat(Ranking.timeWeight(true, dated)).isEqualTo(Ranking.DATED);
        assertThat(Ranking.timeWeight(true, undated)).isEqualTo(1.0);
        assertThat(Ranking.timeWeight(false, dated)).isEqualTo(1.0);
    }

    @Test
    void timeWeight_factsKeepTheirWeight() {
        // A fact carries the date it holds from anyway.
        assertThat(Ranking.timeWeight(true, hydrated(HitKind.ATTRIBUTE,
                "melanie — ran: charity race on 20 May 2023"))).isEqualTo(1.0);
    }

    @Test
    void weight_aTurnThatEndsAsking_weighsLess_oneThatAsksAndGoesOn_doesNot() {
        Hydrator.Hydrated asking = hydrated(HitKind.TURN,
                "Caroline: Wow, you drew it? What does it mean to you?  ");
        Hydrator.Hydrated goesOn = hydrated(HitKind.TURN, "Melanie: Any tips? I signed up "
                + "for a pottery class.");
        Hydrator.Hydrated shows = hydrated(HitKind.TURN, "Melanie: Look what I made! Like it? "
                + "[shares a photo: a bowl]");

        assertThat(Ranking.weight(asking)).isEqualTo(Ranking.ASKING * Ranking.length(asking));
        assertThat(Ranking.weight(goesOn)).isEqualTo(Ranking.length(goesOn));
        assertThat(Ranking.weight(shows)).isEqualTo(Ranking.length(shows));
        // Whatever its end, a turn that asks is answered by the next one.
        assertThat(Ranking.asks(goesOn)).isTrue();
        assertThat(Ranking.asks(asking)).isTrue();
    }

    @Test
    void length_aTurnThatTellsMore_weighsMore_withinBounds() {
        Hydrator.Hydrated pleasantry = hydrated(HitKind.TURN, "Caroline: Wow, great!");
        Hydrator.Hydrated typical = hydrated(HitKind.TURN, "x".repeat(140));
        Hydrator.Hydrated story = hydrated(HitKind.TURN, "Melanie: I took the kids camping "
                + "at the lake last weekend; we roasted marshmallows, hiked to the falls and "
                + "watched the Perseids from the dock until two in the morning.");
        Hydrator.Hydrated epic = hydrated(HitKind.TURN, "y".repeat(100_000));

        assertThat(Ranking.length(typical)).isEqualTo(1.0);
        assertThat(Ranking.length(pleasantry)).isEqualTo(Ranking.MIN_LENGTH_WEIGHT);
        assertThat(Ranking.length(story)).isGreaterThan(1.0)
                .isLessThan(Ranking.MAX_LENGTH_WEIGHT);
        assertThat(Ranking.length(epic)).isEqualTo(Ranking.MAX_LENGTH_WEIGHT);
        // Facts are short by nature: they keep their weight.
        assertThat(Ranking.length(hydrated(HitKind.ATTRIBUTE, "melanie — likes: camping")))
                .isEqualTo(1.0);
    }

    private static Hydrator.Hydrated hydrated(HitKind kind, String text) {
        Hit hit = new Hit("h", kind, text, 1, Optional.empty(),
                new Source("turn", "turn:h", Optional.of("s"), Optional.of("h"), Map.of()), AT,
                Optional.empty(), AT);
        return new Hydrator.Hydrated(hit, 0.5, 0.5, AT, "Melanie");
    }
}

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

        assertThat(Ranking.weight(asking)).isEqualTo(Ranking.ASKING);
        assertThat(Ranking.weight(goesOn)).isEqualTo(1.0);
        assertThat(Ranking.weight(shows)).isEqualTo(1.0);
        // Whatever its end, a turn that asks is answered by the next one.
        assertThat(Ranking.asks(goesOn)).isTrue();
        assertThat(Ranking.asks(asking)).isTrue();
    }

    private static Hydrator.Hydrated hydrated(HitKind kind, String text) {
        Hit hit = new Hit("h", kind, text, 1, Optional.empty(),
                new Source("turn", "turn:h", Optional.of("s"), Optional.of("h"), Map.of()), AT,
                Optional.empty(), AT);
        return new Hydrator.Hydrated(hit, 0.5, 0.5, AT, "Melanie");
    }
}

package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkerReaderTest {
    private static final Optional<Instant> OBSERVED = Optional.of(Requests.OBSERVED);
    private final MarkerReader reader = new MarkerReader(Fixtures.lexicon());

    private Candidate read(String text) {
        return reader.read(Fixtures.candidate(text), OBSERVED).orElseThrow();
    }

    @Test
    void read_plainStatement_isCurrentAndAffirmed() {
        Candidate c = read("I live in Oslo.");
        assertThat(c.polarity()).hasValue(Polarity.AFFIRM);
        assertThat(c.tense()).hasValue(Tense.CURRENT);
        assertThat(c.validFrom()).isEmpty();
    }

    @Test
    void read_negationBeforeTheValue_negates() {
        assertThat(read("I don't like jazz anymore.").polarity()).hasValue(Polarity.NEGATE);
        assertThat(read("I no longer work at Initech.").polarity()).hasValue(Polarity.NEGATE);
    }

    @Test
    void read_negationAfterTheValue_doesNotNegate() {
        assertThat(read("I like jazz, not blues.").polarity()).hasValue(Polarity.AFFIRM);
    }

    @Test
    void read_usedTo_isPast() {
        assertThat(read("I used to live in Paris.").tense()).hasValue(Tense.PAST);
    }

    @Test
    void read_simplePastVerb_isPastButPerfectIsNot() {
        assertThat(read("I lived in Tokyo.").tense()).hasValue(Tense.PAST);
        assertThat(read("I've lived in Tokyo since 2019.").tense()).hasValue(Tense.CURRENT);
    }

    @Test
    void read_nowOrActually_isAChange() {
        assertThat(read("I eat fish now.").tense()).hasValue(Tense.CHANGE);
        assertThat(read("Actually my favorite movie is Arrival.").tense())
                .hasValue(Tense.CHANGE);
    }

    @Test
    void read_hedge_dropsTheCandidate() {
        assertThat(reader.read(Fixtures.candidate("I might move to Rome."), OBSERVED)).isEmpty();
        assertThat(reader.read(Fixtures.candidate("If I lived in Rome, I'd be happy."),
                OBSERVED)).isEmpty();
    }

    @Test
    void read_lastMonthOnAChange_datesIt() {
        Candidate c = read("We moved to Munich last month.");
        assertThat(c.validFrom()).hasValue(Instant.parse("2026-02-15T10:00:00Z"));
    }

    @Test
    void read_sinceYear_setsValidFrom() {
        assertThat(read("I've lived in Lisbon since 2019.").validFrom())
                .hasValue(Instant.parse("2019-01-01T00:00:00Z"));
    }

    @Test
    void read_patternOwnWords_doNotNegate() {
        assertThat(read("I can't stand cilantro.").polarity()).hasValue(Polarity.AFFIRM);
    }
}

package dev.spectron.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Mem0ImportTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Prefers vegetarian food | I prefer vegetarian food",
        "Lives in Lisbon | I live in Lisbon",
        "Is a software engineer | I am a software engineer",
        "Has a cat named Miso | I have a cat named Miso",
        "Studies biology | I study biology",
        "Watches sci-fi movies | I watch sci-fi movies",
        "Name is Alice | My name is Alice",
        "Favourite movie is Alien | My favourite movie is Alien",
        "James likes hiking | James likes hiking",
        "Thomas is a doctor | Thomas is a doctor",
        "I prefer tea. | I prefer tea.",
        "Alice prefers window seats | Alice prefers window seats"})
    void firstPerson_mem0Fragment_restoresTheSpeaker(String fragment, String statement) {
        assertThat(Mem0Import.firstPerson(fragment)).isEqualTo(statement);
    }
}

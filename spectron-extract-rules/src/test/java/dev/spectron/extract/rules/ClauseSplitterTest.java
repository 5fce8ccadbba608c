package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClauseSplitterTest {

    private static List<String> clauses(String text) {
        return Fixtures.clauses(text).stream()
                .map(c -> String.join(" ", Fixtures.words(c))).toList();
    }

    @Test
    void split_andBeforeANewSubject_makesTwoClauses() {
        assertThat(clauses("My name is Priya Raman and I work as a data engineer."))
                .containsExactly("My name is Priya Raman", "I work as a data engineer");
    }

    @Test
    void split_coordinatedObjects_stayOneClause() {
        assertThat(clauses("I speak Spanish and Portuguese."))
                .containsExactly("I speak Spanish and Portuguese");
    }

    @Test
    void split_verbWithoutSubject_borrowsTheSubjectBefore() {
        List<Clause> clauses = Fixtures.clauses("I live in Berlin and work at Siemens.");
        assertThat(clauses).hasSize(2);
        assertThat(Fixtures.words(clauses.get(1))).containsExactly("I", "work", "at", "Siemens");
        assertThat(clauses.get(1).borrowed()).isEqualTo(1);
    }

    @Test
    void split_imperativesJoinedByComma_makeTwoClauses() {
        assertThat(clauses("Stop replying formally, be casual with me."))
                .containsExactly("Stop replying formally", "be casual with me");
    }

    @Test
    void split_directiveWordAfterAStatement_staysOneClause() {
        assertThat(clauses("They cheer us up and always make us smile."))
                .containsExactly("They cheer us up and always make us smile");
    }

    @Test
    void split_but_alwaysEndsAClause() {
        assertThat(clauses("I'm from Lisbon but I live in Berlin."))
                .containsExactly("I 'm from Lisbon", "I live in Berlin");
    }

    @Test
    void split_habitWordAfterBut_borrowsTheSubjectBefore() {
        List<Clause> clauses = Fixtures.clauses("I like tea but never use sugar.");
        assertThat(clauses).extracting(c -> String.join(" ", Fixtures.words(c)))
                .containsExactly("I like tea", "I never use sugar");
        assertThat(clauses.get(1).borrowed()).isEqualTo(1);
    }

    @Test
    void split_habitWordAfterButAddressingTheAssistant_keepsNoSubject() {
        assertThat(clauses("You're great, but never use emojis."))
                .containsExactly("You 're great", "never use emojis");
        assertThat(clauses("I love flying but always book me a window seat."))
                .containsExactly("I love flying", "always book me a window seat");
    }

    @Test
    void split_habitWordAfterSemicolon_keepsNoSubject() {
        assertThat(clauses("I love flying; always book a window seat."))
                .containsExactly("I love flying", "always book a window seat");
    }

    @Test
    void split_introductoryMarker_staysWithItsClause() {
        assertThat(clauses("Going forward, please use British spelling."))
                .containsExactly("Going forward , please use British spelling");
    }

    @Test
    void split_fixedPair_isNotSplit() {
        assertThat(clauses("I was born and raised in Glasgow."))
                .containsExactly("I was born and raised in Glasgow");
    }

    @Test
    void split_spacedDash_endsAClause() {
        assertThat(clauses("I love pottery - the creativity is awesome."))
                .containsExactly("I love pottery", "the creativity is awesome");
    }
}

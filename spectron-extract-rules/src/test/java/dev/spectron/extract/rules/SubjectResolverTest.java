package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractionRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubjectResolverTest {
    private final SubjectResolver resolver = new SubjectResolver();

    private List<String> subjects(String text, ExtractionRequest request) {
        return resolver.resolve(Fixtures.candidates(text), request).stream()
                .map(r -> r.subject().address() + " " + r.candidate().key()).toList();
    }

    @Test
    void resolve_firstPerson_isSelf() {
        assertThat(subjects("I live in Oslo.", Requests.user("")))
                .containsExactly("person/sam lives_in");
    }

    @Test
    void resolve_we_isTheGroupAndYou_isTheAddressee() {
        assertThat(subjects("Our support hours are 9 to 5. Your return policy is 60 days.",
                Requests.org(""))).containsExactly("organization/acme support_hours",
                "organization/acme return_window");
    }

    @Test
    void resolve_she_isTheLastNamedPerson() {
        assertThat(subjects("My friend Sarah moved to Dublin. She works at Google.",
                Requests.user(""))).containsExactly("person/sam friend_of",
                "person/sarah lives_in", "person/sarah works_at");
    }

    @Test
    void resolve_sheWithoutAntecedent_isDropped() {
        assertThat(subjects("She is a lawyer.", Requests.user(""))).isEmpty();
    }

    @Test
    void resolve_nameOfTheSelf_isTheSelf() {
        ExtractionRequest alice = new ExtractionRequest("", Role.USER, Optional.empty(),
                Optional.of(EntityKey.of("person", "alice")), Optional.empty(), Optional.empty(),
                Scope.of("user", "alice"), Requests.OBSERVED, List.of(), false);
        assertThat(subjects("Alice now eats fish.", alice))
                .containsExactly("person/alice food_preference");
    }

    @Test
    void resolve_firstNameOfAKnownPerson_isThatPerson() {
        ExtractionRequest request = new ExtractionRequest("", Role.USER, Optional.empty(),
                Optional.of(Requests.SAM), Optional.of(Requests.SAM), Optional.empty(),
                Scope.of("user", "sam"), Requests.OBSERVED,
                List.of(EntityKey.of("person", "maria lopez")), false);
        assertThat(subjects("Maria works at Acme.", request))
                .containsExactly("person/maria lopez works_at");
    }

    @Test
    void resolve_assistantTurn_keepsNothingAboutTheUser() {
        assertThat(subjects("You live in Berlin. Maria works at Acme.",
                Requests.assistant(""))).isEmpty();
    }

    @Test
    void resolve_theOrgWithoutAnOrganization_isDropped() {
        assertThat(subjects("The return window is 30 days.", Requests.user(""))).isEmpty();
        assertThat(subjects("The return window is 30 days.", Requests.document("")))
                .containsExactly("organization/acme return_window");
    }
}

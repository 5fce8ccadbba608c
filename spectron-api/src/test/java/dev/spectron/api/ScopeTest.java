package dev.spectron.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class ScopeTest {
    private static final Scope ALICE = Scope.of("org", "my-app", "user", "alice");

    @Test
    void isVisibleTo_subsetScopes_areVisible() {
        assertThat(Scope.empty().isVisibleTo(ALICE)).isTrue();
        assertThat(Scope.of("org", "my-app").isVisibleTo(ALICE)).isTrue();
        assertThat(ALICE.isVisibleTo(ALICE)).isTrue();
    }

    @Test
    void isVisibleTo_otherUserOrWiderRecord_isNotVisible() {
        assertThat(Scope.of("org", "my-app", "user", "bob").isVisibleTo(ALICE)).isFalse();
        assertThat(ALICE.isVisibleTo(Scope.of("org", "my-app"))).isFalse();
        assertThat(Scope.of("user", "alice", "org", "other").isVisibleTo(ALICE)).isFalse();
    }

    @Test
    void of_badDimension_namesTheRule() {
        assertThatThrownBy(() -> Scope.of(Map.of("User", "x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[a-z][a-z0-9_]{0,31}")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("scope");
    }

    @Test
    void of_emptyOrControlValue_namesTheTag() {
        assertThatThrownBy(() -> Scope.of(Map.of("user", "")))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("scope.user");
        assertThatThrownBy(() -> Scope.of(Map.of("user", "a\nb")))
                .hasMessageContaining("printable");
        assertThatThrownBy(() -> Scope.of(Map.of("user", "x".repeat(129))))
                .hasMessageContaining("1-128");
    }

    @Test
    void of_nineTags_isRejected() {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            tags.put("d" + i, "v");
        }
        assertThatThrownBy(() -> Scope.of(tags)).hasMessageContaining("at most 8");
    }

    @Test
    void withFloor_contradictingValue_isForbidden() {
        assertThatThrownBy(() -> Scope.of("user", "bob").withFloor(Scope.of("user", "alice")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(Scope.of("org", "a").withFloor(Scope.of("user", "alice")))
                .isEqualTo(Scope.of("org", "a", "user", "alice"));
    }

    @Test
    void key_roundTripsThroughParseKey() {
        Scope odd = Scope.of("org", "a=b c", "user", "ünï");
        assertThat(Scope.parseKey(odd.key())).isEqualTo(odd);
        assertThat(Scope.parseKey(Scope.empty().key())).isEqualTo(Scope.empty());
    }

    @RepeatedTest(50)
    void floorKeys_randomScopes_matchIsVisibleTo(RepetitionInfo info) {
        long seed = 1000L + info.getCurrentRepetition();
        Random random = new Random(seed);
        Scope request = randomScope(random);
        Scope record = randomScope(random);
        assertThat(request.floorKeys().contains(record.key()))
                .as("seed %d: record %s, request %s", seed, record, request)
                .isEqualTo(record.isVisibleTo(request));
        assertThat(request.floorKeys()).hasSize(1 << request.tags().size());
    }

    private static Scope randomScope(Random random) {
        Map<String, String> tags = new TreeMap<>();
        String[] dims = {"org", "user", "agent", "team"};
        for (String dim : dims) {
            if (random.nextBoolean()) {
                tags.put(dim, "v" + random.nextInt(2));
            }
        }
        return Scope.of(tags);
    }
}

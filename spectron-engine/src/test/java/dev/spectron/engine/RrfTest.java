package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.spi.ScoredId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RrfTest {
    @Test
    void fuse_idInBothLists_beatsIdsInOne() {
        List<ScoredId> bm25 = List.of(new ScoredId("a", 9), new ScoredId("b", 5));
        List<ScoredId> dense = List.of(new ScoredId("c", 0.9f), new ScoredId("b", 0.8f));
        List<ScoredId> fused = Rrf.fuse(List.of(bm25, dense));
        assertThat(fused).extracting(ScoredId::id).containsExactly("b", "a", "c");
        assertThat(fused.getFirst().score()).isCloseTo((float) (1.0 / 62 + 1.0 / 62),
                org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void fuse_emptyLists_isEmpty() {
        assertThat(Rrf.fuse(List.of(List.of(), List.of()))).isEmpty();
    }

    @Test
    void fuse_singleList_keepsItsOrder() {
        List<ScoredId> only = List.of(new ScoredId("x", 1), new ScoredId("y", 3));
        assertThat(Rrf.fuse(List.of(only))).extracting(ScoredId::id).containsExactly("x", "y");
    }
}

package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.ExtractedInstruction.Action;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatternSetTest {
    private static final Lexicon LEXICON = Lexicon.parse("[pref]\ntea | drink_preference\n");

    @Test
    void parse_patternBlock_readsMatchFactsOptionsAndExamples() {
        PatternSet set = PatternSet.parse("""
                pattern pref.prefer conf=0.8 tense=change
                  match   SUBJ ~ prefer [OBJ]
                  fact    SUBJ @pref OBJ
                  fact    SUBJ favorite_{OBJ} "yes" polarity=affirm
                  example I prefer tea. => drink_preference=tea
                """, LEXICON);
        Pattern p = set.patterns().getFirst();
        assertThat(p.id()).isEqualTo("pref.prefer");
        assertThat(p.options().confidence()).hasValue(0.8);
        assertThat(p.options().tense()).hasValue(Tense.CHANGE);
        assertThat(p.facts()).hasSize(2);
        assertThat(p.facts().get(0).key()).isEqualTo(new Pattern.KeyExpr.Lookup("pref",
                Optional.empty()));
        assertThat(p.facts().get(1).key()).isEqualTo(new Pattern.KeyExpr.Template("favorite_",
                "OBJ", ""));
        assertThat(p.facts().get(1).value()).isEqualTo(new Pattern.ValueExpr.Literal("yes"));
        assertThat(p.examples()).containsExactly("I prefer tea. => drink_preference=tea");
    }

    @Test
    void parse_directive_readsStartAndStop() {
        PatternSet set = PatternSet.parse("""
                pattern instr.stop
                  match ^ stop [T <rest>]
                  stop T
                """, LEXICON);
        assertThat(set.patterns().getFirst().instructions())
                .containsExactly(new Pattern.InstructionTemplate(Action.STOP, "T"));
    }

    @Test
    void parse_factUsingAMissingSlot_failsNamingPatternAndLine() {
        assertThatThrownBy(() -> PatternSet.parse("""
                pattern bad
                  match SUBJ like [OBJ]
                  fact SUBJ likes VALUE
                """, LEXICON))
                .hasMessageContaining("pattern bad (patterns line 1)")
                .hasMessageContaining("VALUE");
    }

    @Test
    void parse_duplicateId_fails() {
        String block = "pattern a\n  match like [O]\n  fact SELF likes O\n";
        assertThatThrownBy(() -> PatternSet.parse(block + block, LEXICON))
                .hasMessageContaining("duplicate pattern id a");
    }

    @Test
    void parse_patternThatYieldsNothing_fails() {
        assertThatThrownBy(() -> PatternSet.parse("pattern a\n  match like [O]\n", LEXICON))
                .hasMessageContaining("yields nothing");
    }

    @Test
    void builtIn_patterns_haveUniqueIdsAndExamples() {
        Set<String> ids = new HashSet<>();
        for (Pattern p : Fixtures.patterns().patterns()) {
            assertThat(ids.add(p.id())).as(p.id()).isTrue();
            assertThat(p.examples()).as(p.id()).isNotEmpty();
        }
        assertThat(ids).hasSizeGreaterThan(80);
    }
}

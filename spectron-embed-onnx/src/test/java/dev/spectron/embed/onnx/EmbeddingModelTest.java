package dev.spectron.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class EmbeddingModelTest {
    @Test
    void parse_shortNamesAndIds_findModel() {
        assertThat(EmbeddingModel.parse("bge-small")).isEqualTo(EmbeddingModel.BGE_SMALL_EN_V15_Q);
        assertThat(EmbeddingModel.parse(" MiniLM ")).isEqualTo(EmbeddingModel.ALL_MINILM_L6_V2_Q);
        assertThat(EmbeddingModel.parse("bge-small-en-v1.5-q"))
                .isEqualTo(EmbeddingModel.BGE_SMALL_EN_V15_Q);
        assertThat(EmbeddingModel.parse("all-minilm-l6-v2-q"))
                .isEqualTo(EmbeddingModel.ALL_MINILM_L6_V2_Q);
    }

    @Test
    void parse_unknownName_throwsInvalidInputNamingChoices() {
        assertThatThrownBy(() -> EmbeddingModel.parse("bert-large"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("embedding.model")
                .hasMessageContaining("bge-small, minilm");
    }

    @Test
    void resources_eachModel_areOnClasspath() {
        for (EmbeddingModel model : EmbeddingModel.values()) {
            assertThat(getClass().getClassLoader().getResource(model.modelResource())).isNotNull();
            assertThat(getClass().getClassLoader().getResource(model.tokenizerResource()))
                    .isNotNull();
        }
    }

    @Test
    void queryPrefix_onlyBge_hasInstruction() {
        assertThat(EmbeddingModel.BGE_SMALL_EN_V15_Q.queryPrefix())
                .isEqualTo("Represent this sentence for searching relevant passages: ");
        assertThat(EmbeddingModel.ALL_MINILM_L6_V2_Q.queryPrefix()).isEmpty();
    }

    @Test
    void properties_eachModel_match384DimensionsAndPooling() {
        assertThat(EmbeddingModel.BGE_SMALL_EN_V15_Q.dimensions()).isEqualTo(384);
        assertThat(EmbeddingModel.ALL_MINILM_L6_V2_Q.dimensions()).isEqualTo(384);
        assertThat(EmbeddingModel.BGE_SMALL_EN_V15_Q.pooling()).isEqualTo(Pooling.CLS);
        assertThat(EmbeddingModel.ALL_MINILM_L6_V2_Q.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(EmbeddingModel.BGE_SMALL_EN_V15_Q.maxTokens()).isEqualTo(512);
        assertThat(EmbeddingModel.ALL_MINILM_L6_V2_Q.maxTokens()).isEqualTo(256);
    }
}

package dev.spectron.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WordPieceTokenizerTest {
    private static final WordPieceTokenizer BGE = load(EmbeddingModel.BGE_SMALL_EN_V15_Q);

    @Test
    void encode_emptyText_isClsAndSep() {
        assertThat(BGE.encode("", 512)).containsExactly(101, 102);
        assertThat(BGE.encode(" \t\n ", 512)).containsExactly(101, 102);
    }

    @Test
    void encode_unknownWord_splitsIntoLongestPieces() {
        assertThat(tokens("unaffable")).isEqualTo("una ##ffa ##ble");
        assertThat(BGE.encode("unaffable", 512)).containsExactly(101, 14477, 20961, 3468, 102);
    }

    @Test
    void encode_bertDocstringVocabulary_matchesBertExample() {
        // The example of BERT's WordpieceTokenizer docstring, on its toy vocabulary.
        WordPieceTokenizer toy = toy("[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able",
                "want", "##want", "##ed", "wa", "runn", "##ing", ",");
        assertThat(tokens(toy, "unaffable")).isEqualTo("un ##aff ##able");
        assertThat(tokens(toy, "UNwant\u00E9d,running")).isEqualTo("un ##want ##ed , runn ##ing");
        assertThat(tokens(toy, "unwantedX running")).isEqualTo("[UNK] runn ##ing");
    }

    @Test
    void encode_punctuation_becomesSeparateTokens() {
        assertThat(tokens("What's Alice's e-mail? alice@example.com"))
                .isEqualTo("what ' s alice ' s e - mail ? alice @ example . com");
        assertThat(tokens("3.14 $100 50%")).isEqualTo("3 . 14 $ 100 50 %");
    }

    @Test
    void encode_accentsAndCase_areStripped() {
        assertThat(tokens("Héllo Wörld café naïve résumé ÅNGSTRÖM"))
                .isEqualTo("hello world cafe naive resume ang ##strom");
        assertThat(tokens("e\u0301x\u0301")).isEqualTo("ex");
    }

    @Test
    void encode_finalSigma_lowercasesPerCharacterLikeRustTokenizers() {
        // Rust's char::to_lowercase has no final-sigma rule (String.toLowerCase and JS do).
        assertThat(tokens("ΣΊΣΥΦΟΣ")).isEqualTo("σ ##ι ##σ ##υ ##φ ##ο ##σ");
    }

    @Test
    void encode_chineseCharacters_becomeOneTokenEach() {
        assertThat(tokens("中文mixed")).isEqualTo("中 文 mixed");
        assertThat(tokens("日本語テキスト")).isEqualTo("日 本 語 テ ##キ ##ス ##ト");
    }

    @Test
    void encode_charactersOutsideVocabulary_becomeUnk() {
        assertThat(BGE.encode("emoji \uD83D\uDE42 here", 512))
                .containsExactly(101, 7861, 29147, 2072, 100, 2182, 102);
        assertThat(BGE.unkId()).isEqualTo(100);
    }

    @Test
    void encode_controlAndFormatCharacters_areDropped() {
        assertThat(tokens("line\u0000ctrl")).isEqualTo(tokens("linectrl"));
        assertThat(tokens("a\u00A0b\u200Bc\u00ADd")).isEqualTo("a bc ##d");
    }

    @Test
    void encode_wordOver100Chars_becomesUnk() {
        assertThat(BGE.encode("a".repeat(101), 512)).containsExactly(101, 100, 102);
        assertThat(BGE.encode("a".repeat(100), 512)).hasSize(52).doesNotContain(100);
    }

    @Test
    void encode_specialTokenWrittenInText_isTreatedAsText() {
        assertThat(tokens("[SEP]")).isEqualTo("[ sep ]");
    }

    @Test
    void encode_longText_isTruncatedToMaxTokens() {
        String text = "the quick brown fox jumps over the lazy dog ".repeat(200);

        int[] ids = BGE.encode(text, 16);

        assertThat(ids).hasSize(16);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[15]).isEqualTo(102);
        assertThat(BGE.encode(text, 512)).hasSize(512);
        assertThat(Arrays.copyOf(BGE.encode(text, 512), 15)).isEqualTo(Arrays.copyOf(ids, 15));
    }

    @Test
    void encode_truncationInsideAWord_keepsItsFirstPieces() {
        assertThat(BGE.encode("unaffable", 4)).containsExactly(101, 14477, 20961, 102);
    }

    @Test
    void encode_maxTokensOutOfRange_throws() {
        assertThatThrownBy(() -> BGE.encode("x", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BGE.encode("x", 513))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Cases made by HuggingFace tokenizers.js; see bert-uncased-tokenizations.mjs. */
    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void encode_referenceTokenizations_matchHuggingFace(EmbeddingModel model) throws IOException {
        WordPieceTokenizer tokenizer = load(model);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> cases = readCases(json);

        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        for (JsonNode c : cases) {
            int[] expected = json.treeToValue(c.get("ids"), int[].class);
            assertThat(tokenizer.encode(c.get("text").asText(), 512))
                    .as("ids of %s", c.get("text"))
                    .containsExactly(expected);
        }
    }

    @Test
    void load_nonWordPieceModel_throws() {
        JsonNode json = new ObjectMapper().createObjectNode()
                .set("model", new ObjectMapper().createObjectNode().put("type", "BPE"));

        assertThatThrownBy(() -> WordPieceTokenizer.fromJson(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model.type must be WordPiece");
    }

    private static String tokens(String text) {
        return tokens(BGE, text);
    }

    private static String tokens(WordPieceTokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text, 512);
        return Arrays.stream(ids, 1, ids.length - 1).mapToObj(tokenizer::token)
                .collect(Collectors.joining(" "));
    }

    private static WordPieceTokenizer toy(String... vocab) {
        ObjectMapper json = new ObjectMapper();
        var root = json.createObjectNode();
        root.putObject("normalizer").put("type", "BertNormalizer").put("lowercase", true);
        var model = root.putObject("model").put("type", "WordPiece");
        var entries = model.putObject("vocab");
        for (int i = 0; i < vocab.length; i++) {
            entries.put(vocab[i], i);
        }
        return WordPieceTokenizer.fromJson(root);
    }

    static WordPieceTokenizer load(EmbeddingModel model) {
        try (InputStream in = WordPieceTokenizerTest.class.getClassLoader()
                .getResourceAsStream(model.tokenizerResource())) {
            return WordPieceTokenizer.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> readCases(ObjectMapper json) throws IOException {
        try (var reader = new BufferedReader(new InputStreamReader(
                WordPieceTokenizerTest.class.getResourceAsStream(
                        "/bert-uncased-tokenizations.jsonl"), StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).map(line -> {
                try {
                    return json.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}

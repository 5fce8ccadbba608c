package dev.spectron.embed.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * BERT tokenization for the uncased WordPiece vocabularies of BGE and MiniLM, configured from a
 * HuggingFace {@code tokenizer.json}: {@link BasicTokenizer} splits the text into words, then
 * WordPiece splits each word greedily into the longest vocabulary entries, left to right, with
 * {@code ##} marking a continuation (Wu et al. 2016; BERT's {@code WordpieceTokenizer}). A word
 * with no such split, or longer than 100 characters, becomes {@code [UNK]}.
 *
 * <p>Unlike HuggingFace, special tokens written in the text ({@code "[SEP]"}) are not matched: the
 * text is always treated as text. Immutable and thread-safe.
 */
final class WordPieceTokenizer {
    /** Position embeddings of BERT-base models end here. */
    static final int MODEL_MAX_TOKENS = 512;

    private final BasicTokenizer basic;
    private final Map<String, Integer> vocab;
    private final String[] tokens;
    private final String prefix;
    private final int maxCharsPerWord;
    private final int cls;
    private final int sep;
    private final int unk;
    private final int pad;

    private WordPieceTokenizer(BasicTokenizer basic, Map<String, Integer> vocab, String prefix,
            int maxCharsPerWord, String unkToken) {
        this.basic = basic;
        this.vocab = vocab;
        this.prefix = prefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.tokens = new String[vocab.values().stream().mapToInt(Integer::intValue).max()
                .orElse(-1) + 1];
        vocab.forEach((token, id) -> tokens[id] = token);
        this.cls = id("[CLS]");
        this.sep = id("[SEP]");
        this.pad = id("[PAD]");
        this.unk = id(unkToken);
    }

    /** Reads a {@code tokenizer.json} whose model is WordPiece and normalizer BertNormalizer. */
    static WordPieceTokenizer load(InputStream json) {
        try {
            return fromJson(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer.json", e);
        }
    }

    static WordPieceTokenizer fromJson(JsonNode root) {
        JsonNode model = root.path("model");
        JsonNode normalizer = root.path("normalizer");
        require(model.path("type").asText().equals("WordPiece"), "model.type must be WordPiece");
        require(normalizer.path("type").asText().equals("BertNormalizer"),
                "normalizer.type must be BertNormalizer");
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        JsonNode strip = normalizer.path("strip_accents");
        // HuggingFace: strip_accents null means "strip if lowercasing".
        boolean stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase;
        BasicTokenizer basic = new BasicTokenizer(normalizer.path("clean_text").asBoolean(true),
                normalizer.path("handle_chinese_chars").asBoolean(true), stripAccents, lowercase);
        Map<String, Integer> vocab = new HashMap<>();
        model.path("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
        require(!vocab.isEmpty(), "model.vocab must not be empty");
        return new WordPieceTokenizer(basic, vocab,
                model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100),
                model.path("unk_token").asText("[UNK]"));
    }

    /**
     * Token ids of {@code text} framed as {@code [CLS] … [SEP]}, the word pieces cut at
     * {@code maxTokens - 2} so that the whole fits in {@code maxTokens}.
     */
    int[] encode(String text, int maxTokens) {
        if (maxTokens < 2 || maxTokens > MODEL_MAX_TOKENS) {
            throw new IllegalArgumentException("maxTokens must be in [2, 512]: " + maxTokens);
        }
        Ids ids = new Ids(maxTokens - 1);
        ids.add(cls);
        if (ids.full()) {
            return new int[] {cls, sep};
        }
        basic.split(text, word -> {
            addWord(word, ids);
            return !ids.full();
        });
        int[] result = Arrays.copyOf(ids.values, ids.size + 1);
        result[ids.size] = sep;
        return result;
    }

    /** The vocabulary entry of {@code id}, e.g. {@code ##able}. */
    String token(int id) {
        return tokens[id];
    }

    int padId() {
        return pad;
    }

    int unkId() {
        return unk;
    }

    private void addWord(String word, Ids ids) {
        if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
            ids.add(unk);
            return;
        }
        Integer whole = vocab.get(word);
        if (whole != null) {
            ids.add(whole);
            return;
        }
        int[] pieces = new int[word.length()];
        int count = 0;
        for (int start = 0; start < word.length(); count++) {
            int end = word.length();
            Integer piece = null;
            while (end > start) {
                String sub = word.substring(start, end);
                piece = vocab.get(start > 0 ? prefix + sub : sub);
                if (piece != null) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (piece == null) {
                ids.add(unk);
                return;
            }
            pieces[count] = piece;
            start = end;
        }
        for (int i = 0; i < count && !ids.full(); i++) {
            ids.add(pieces[i]);
        }
    }

    private int id(String token) {
        Integer id = vocab.get(token);
        require(id != null, "model.vocab must contain " + token);
        return id;
    }

    private static void require(boolean condition, String rule) {
        if (!condition) {
            throw new IllegalStateException("unsupported tokenizer.json: " + rule);
        }
    }

    /** A bounded, growing list of ids. */
    private static final class Ids {
        final int[] values;
        int size;

        Ids(int capacity) {
            values = new int[capacity];
        }

        void add(int id) {
            values[size++] = id;
        }

        boolean full() {
            return size == values.length;
        }
    }
}

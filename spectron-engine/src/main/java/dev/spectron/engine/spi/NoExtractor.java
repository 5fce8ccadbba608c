package dev.spectron.engine.spi;

/** The {@code none} extractor: stores text only. */
final class NoExtractor implements Extractor {
    static final NoExtractor INSTANCE = new NoExtractor();

    private NoExtractor() {}

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Extraction extract(ExtractionRequest request) {
        return Extraction.empty();
    }
}

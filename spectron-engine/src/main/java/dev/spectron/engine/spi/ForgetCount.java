package dev.spectron.engine.spi;

/**
 * What a forget removed or hid (or, on a dry run, would have).
 *
 * @param turns turns
 * @param sessions sessions
 * @param facts attributes and relations
 * @param instructions instructions
 * @param uncertainties uncertainties
 * @param chunks document passages
 * @param documents documents
 */
public record ForgetCount(int turns, int sessions, int facts, int instructions,
        int uncertainties, int chunks, int documents) {
    /** The memory records counted by {@code forgotten}: turns, facts, instructions,
     * uncertainties and chunks (sessions and documents are containers). */
    public int records() {
        return turns + facts + instructions + uncertainties + chunks;
    }
}

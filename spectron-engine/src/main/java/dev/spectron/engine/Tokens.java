package dev.spectron.engine;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Tokens as a chat model counts them, for {@code context}'s {@code maxTokens}: OpenAI's
 * {@code o200k_base} byte-pair encoding (GPT-4o and its successors) through JTokkit. On English
 * conversation it comes to about 4.4 characters a token; the usual rule of thumb (four) spends
 * a tenth of a budget on nothing, and text in other scripts, at one or two characters a token,
 * overruns it.
 */
final class Tokens {
    private Tokens() {}

    /** Loaded on first use (about 0.2 s), then shared: encodings are thread-safe. */
    private static final class Bpe {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(
                EncodingType.O200K_BASE);
    }

    /** The tokens of {@code text}, special-token markers counted as ordinary text. */
    static int of(String text) {
        return text.isEmpty() ? 0 : Bpe.ENCODING.countTokensOrdinary(text);
    }
}

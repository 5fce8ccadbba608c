package dev.spectron.llm.openai;

import dev.spectron.api.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where and how to reach an OpenAI-compatible chat-completions endpoint (OpenAI, Azure, Ollama,
 * vLLM, llama.cpp server, LM Studio). Immutable; {@link #toString()} hides the API key.
 *
 * @param baseUrl the API root that {@code /chat/completions} is appended to, e.g.
 *     {@code http://127.0.0.1:11434/v1}; absolute {@code http} or {@code https}, without
 *     fragment; a trailing slash is removed; a query (Azure's {@code ?api-version=…}) is kept
 *     and sent with every request
 * @param apiKey sent as {@code Authorization: Bearer <key>} when present
 * @param model the model name sent with every request
 * @param timeout how long one attempt may take, from sending the request to the end of the answer
 * @param maxRetries how many times a failed attempt is repeated (429, 5xx, connection errors);
 *     0 to {@value #MAX_RETRIES_LIMIT}
 */
public record LlmConfig(URI baseUrl, Optional<String> apiKey, String model, Duration timeout,
        int maxRetries) {
    /** Environment variable holding {@link #baseUrl()}. Required. */
    public static final String ENV_BASE_URL = "SPECTRON_LLM_BASE_URL";
    /** Environment variable holding {@link #apiKey()}. Optional. */
    public static final String ENV_API_KEY = "SPECTRON_LLM_API_KEY";
    /** Environment variable holding {@link #model()}. Required. */
    public static final String ENV_MODEL = "SPECTRON_LLM_MODEL";
    /** Environment variable holding {@link #timeout()}: seconds ({@code 90}) or {@code PT90S}. */
    public static final String ENV_TIMEOUT = "SPECTRON_LLM_TIMEOUT";
    /** Environment variable holding {@link #maxRetries()}. */
    public static final String ENV_MAX_RETRIES = "SPECTRON_LLM_MAX_RETRIES";

    /** Local models on a CPU can take a minute for a batch of turns. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** Retries after the first attempt, unless configured otherwise. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** The most retries a configuration may ask for. */
    public static final int MAX_RETRIES_LIMIT = 10;

    /**
     * Validates and normalises every field.
     *
     * @throws InvalidInputException naming the field ({@code llm.baseUrl}, {@code llm.model}, …)
     *     and the rule it breaks
     */
    public LlmConfig {
        baseUrl = checkBaseUrl(baseUrl, "llm.baseUrl");
        apiKey = apiKey == null ? Optional.empty() : apiKey.map(String::strip)
                .filter(key -> !key.isEmpty());
        apiKey.ifPresent(key -> InvalidInputException.require(
                key.chars().noneMatch(c -> c < 0x21 || c > 0x7e), "llm.apiKey",
                "must be printable ASCII without spaces"));
        InvalidInputException.require(model != null && !model.isBlank(), "llm.model",
                "must name a model, e.g. llama3.1:8b");
        model = model.strip();
        InvalidInputException.require(timeout != null && timeout.isPositive(), "llm.timeout",
                "must be a positive duration, got " + timeout);
        InvalidInputException.require(maxRetries >= 0 && maxRetries <= MAX_RETRIES_LIMIT,
                "llm.maxRetries", "must be 0-" + MAX_RETRIES_LIMIT + ", got " + maxRetries);
    }

    /** A configuration without API key, with the default timeout and retries. */
    public static LlmConfig of(URI baseUrl, String model) {
        return new LlmConfig(baseUrl, Optional.empty(), model, DEFAULT_TIMEOUT,
                DEFAULT_MAX_RETRIES);
    }

    /**
     * Reads {@value #ENV_BASE_URL} and {@value #ENV_MODEL} (required), {@value #ENV_API_KEY},
     * {@value #ENV_TIMEOUT} and {@value #ENV_MAX_RETRIES} (optional) from {@code env}, e.g.
     * {@code System::getenv}. Blank values count as unset.
     *
     * @throws InvalidInputException naming the variable and the rule when one is missing or invalid
     */
    public static LlmConfig fromEnvironment(Function<String, String> env) {
        Objects.requireNonNull(env, "env");
        String base = value(env, ENV_BASE_URL).orElseThrow(() -> new InvalidInputException(
                ENV_BASE_URL, "must be set to the API root, e.g. http://127.0.0.1:11434/v1"));
        String model = value(env, ENV_MODEL).orElseThrow(() -> new InvalidInputException(
                ENV_MODEL, "must be set to a model name, e.g. llama3.1:8b"));
        Duration timeout = value(env, ENV_TIMEOUT).map(LlmConfig::parseTimeout)
                .orElse(DEFAULT_TIMEOUT);
        int retries = value(env, ENV_MAX_RETRIES).map(LlmConfig::parseRetries)
                .orElse(DEFAULT_MAX_RETRIES);
        return new LlmConfig(checkBaseUrl(parseUri(base), ENV_BASE_URL), value(env, ENV_API_KEY),
                model, timeout, retries);
    }

    /** This configuration with {@code key} as API key. */
    public LlmConfig withApiKey(String key) {
        return new LlmConfig(baseUrl, Optional.of(key), model, timeout, maxRetries);
    }

    /** This configuration with another timeout per attempt. */
    public LlmConfig withTimeout(Duration newTimeout) {
        return new LlmConfig(baseUrl, apiKey, model, newTimeout, maxRetries);
    }

    /** This configuration with another number of retries. */
    public LlmConfig withMaxRetries(int retries) {
        return new LlmConfig(baseUrl, apiKey, model, timeout, retries);
    }

    /** The chat-completions endpoint: {@code {baseUrl}/chat/completions}, query kept. */
    public URI chatCompletionsUri() {
        String text = baseUrl.toString();
        int query = text.indexOf('?');
        return URI.create(query < 0 ? text + "/chat/completions"
                : text.substring(0, query) + "/chat/completions" + text.substring(query));
    }

    /** Shows whether a key is set, never the key itself. */
    @Override
    public String toString() {
        return "LlmConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isPresent() ? "***" : "none")
                + ", model=" + model + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
    }

    private static URI checkBaseUrl(URI uri, String field) {
        InvalidInputException.require(uri != null, field, "must be set");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InvalidInputException.require(uri.isAbsolute() && (scheme.equals("http")
                || scheme.equals("https")), field,
                "must be an absolute http or https URL such as http://127.0.0.1:11434/v1, got '"
                        + uri + "'");
        InvalidInputException.require(uri.getHost() != null && !uri.getHost().isEmpty(), field,
                "must name a host, got '" + uri + "'");
        InvalidInputException.require(uri.getRawFragment() == null, field,
                "must not have a fragment, got '" + uri + "'");
        InvalidInputException.require(uri.getRawUserInfo() == null, field,
                "must not hold credentials; set " + ENV_API_KEY + " instead");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String text = uri.getScheme() + "://" + uri.getRawAuthority() + path + query;
        return URI.create(text);
    }

    private static URI parseUri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(ENV_BASE_URL, "is not a valid URL: " + e.getMessage());
        }
    }

    private static Duration parseTimeout(String text) {
        try {
            Duration timeout = text.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text);
            InvalidInputException.require(timeout.isPositive(), ENV_TIMEOUT,
                    "must be positive, got '" + text + "'");
            return timeout;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidInputException(ENV_TIMEOUT,
                    "must be seconds (90) or an ISO-8601 duration (PT90S), got '" + text + "'");
        }
    }

    private static int parseRetries(String text) {
        int retries;
        try {
            retries = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            retries = -1;
        }
        InvalidInputException.require(retries >= 0 && retries <= MAX_RETRIES_LIMIT,
                ENV_MAX_RETRIES, "must be a whole number 0-" + MAX_RETRIES_LIMIT + ", got '"
                        + text + "'");
        return retries;
    }

    private static Optional<String> value(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}

package dev.spectron.engine;

/**
 * Plaintext keys made when a fresh install bootstraps itself. Shown once; only hashes are kept.
 *
 * @param context the context the data key is bound to
 * @param apiKey the data key
 * @param managementKey the management key
 */
public record Credentials(String context, String apiKey, String managementKey) {}

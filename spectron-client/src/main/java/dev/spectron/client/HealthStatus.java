package dev.spectron.client;

import java.util.Map;

/**
 * What a server's {@code GET /health} answered.
 *
 * @param status the reported status, {@code ok} when the server is healthy
 * @param details every other field of the answer (version, storage, …), as free JSON
 */
public record HealthStatus(String status, Map<String, Object> details) {
    /** Copies the details; a null status or map becomes {@code unknown} and empty. */
    public HealthStatus {
        status = status == null ? "unknown" : status;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** True when the server reported {@code ok}. */
    public boolean isOk() {
        return "ok".equals(status);
    }
}

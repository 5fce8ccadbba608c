package dev.spectron.api;

/**
 * The answer to {@code remember}.
 *
 * @param sessionId the session the statement was stored in
 * @param turnId the stored turn
 * @param diff what it changed in structured memory
 */
public record RememberResult(String sessionId, String turnId, Diff diff) {}

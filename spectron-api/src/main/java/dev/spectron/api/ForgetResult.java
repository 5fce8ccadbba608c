package dev.spectron.api;

/**
 * The answer to a forget.
 *
 * @param forgotten memory records removed or hidden (turns, attributes, relations, instructions,
 *     uncertainties and document chunks), or that would be on a dry run
 * @param dryRun whether nothing was changed
 */
public record ForgetResult(int forgotten, boolean dryRun) {}

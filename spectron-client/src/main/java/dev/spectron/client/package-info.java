/**
 * The Java client of a Spectron server: {@link dev.spectron.client.SpectronClient} hands out
 * {@link dev.spectron.api.Memory} handles that speak HTTP API v1, with the same contract and the
 * same exceptions as the embedded engine.
 */
package dev.spectron.client;

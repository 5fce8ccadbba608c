/**
 * The offline {@code rules} extractor: {@link dev.spectron.extract.rules.RulesExtractor}, an
 * {@link dev.spectron.engine.spi.Extractor} that reads facts and directives from English text
 * with Apache OpenNLP models and a grammar of statement patterns kept as data
 * ({@code patterns.txt}, {@code lexicon.txt}). Everything else in this package is its
 * implementation: one class per pipeline stage.
 */
package dev.spectron.extract.rules;

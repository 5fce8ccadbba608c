/**
 * Spectron over any OpenAI-compatible chat-completions endpoint (OpenAI, Azure, Ollama, vLLM,
 * llama.cpp server, LM Studio): {@link dev.spectron.llm.openai.LlmConfig} says where the
 * endpoint is, {@link dev.spectron.llm.openai.OpenAiCompatibleClient} asks it for JSON matching a
 * schema, and {@link dev.spectron.llm.openai.LlmExtractor} is the {@code llm} extractor built on
 * both.
 */
package dev.spectron.llm.openai;

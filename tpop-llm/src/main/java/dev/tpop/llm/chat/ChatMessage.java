package dev.tpop.llm.chat;

/** One message of a chat prompt, as chat templates expect it. */
public record ChatMessage(String role, String content) {}

package dev.tpop.llm.chat;

import dev.tpop.llm.tokenizer.Tokenizer;
import java.util.List;

/**
 * Chat messages to the exact token ids a model sees: its own template, special tokens parsed, BOS
 * added when the model asks for it. One place, so the in-process engine and a remote server of the
 * same model are given identical prompts.
 */
public record PromptEncoder(Tokenizer tokenizer, ChatTemplate template) {
    public int[] encode(List<ChatMessage> messages) {
        int[] ids = tokenizer.encodeWithSpecialTokens(template.render(messages, true));
        if (tokenizer.addBos() && tokenizer.bosId() >= 0 && (ids.length == 0 || ids[0] != tokenizer.bosId())) {
            int[] withBos = new int[ids.length + 1];
            withBos[0] = tokenizer.bosId();
            System.arraycopy(ids, 0, withBos, 1, ids.length);
            ids = withBos;
        }
        return ids;
    }
}

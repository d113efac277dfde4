package dev.tpop.llm.chat;

import dev.tpop.llm.ModelLocator;
import dev.tpop.llm.gguf.GgufFile;
import dev.tpop.llm.tokenizer.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected strings were rendered with jinja2 3.1.6 configured as HF transformers (trim/lstrip blocks). */
class ChatTemplateTest {
    static GgufFile file;
    static Tokenizer tok;
    static ChatTemplate smol;

    @BeforeAll
    static void load() {
        file = GgufFile.open(Path.of(ModelLocator.cacheDirectory().toString(),
                "SmolLM2-135M-Instruct.Q4_1.gguf"));
        tok = Tokenizer.fromGguf(file);
        smol = ChatTemplate.fromGguf(file, tok);
    }

    @AfterAll
    static void close() { file.close(); }

    @Test
    void smolLm2SystemAndUser() {
        assertFalse(smol.isFallback());
        assertEquals("<|im_start|>system\nYou are a pirate.<|im_end|>\n<|im_start|>user\nHi there!<|im_end|>\n<|im_start|>assistant\n",
                smol.render(List.of(ChatMessage.system("You are a pirate."), ChatMessage.user("Hi there!")), true));
    }

    @Test
    void smolLm2UserOnlyGetsDefaultSystemPrompt() {
        assertEquals("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
                        + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
                smol.render(List.of(ChatMessage.user("What is 2+2?")), true));
        assertEquals("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
                        + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n",
                smol.render(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!")), false));
    }

    @Test
    void renderedPromptTokenizesWithSpecialTokens() {
        int[] ids = tok.encodeWithSpecialTokens(smol.render(List.of(ChatMessage.user("What is 2+2?")), true));
        assertEquals(1, ids[0]);
        assertEquals(List.of(1, 520, 9531, 198), java.util.Arrays.stream(ids).skip(ids.length - 4).boxed().toList());
    }

    @Test
    void fallbackIsChatMl() {
        ChatTemplate chatml = new ChatTemplate(ChatTemplate.CHATML, "", "");
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", chatml.render(List.of(ChatMessage.user("Hi")), true));
    }

    @Test
    void commonJinjaFeatures() {
        // Llama-2/Mistral style: raise_exception, loop.index0, strip(), messages[0]['role'], bos/eos
        String tmpl = """
                {% if messages[0]['role'] == 'system' %}{% set sys = messages[0]['content'] %}{% set rest = messages[1:] %}\
                {% else %}{% set sys = '' %}{% set rest = messages %}{% endif %}
                {% for message in rest %}
                    {% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}
                        {{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}
                    {% endif %}
                    {% if loop.first and sys %}{{ bos_token + '[INST] <<SYS>>\\n' + sys.strip() + '\\n<</SYS>>\\n\\n' + message['content'].strip() + ' [/INST]' }}\
                {% elif message['role'] == 'user' %}{{ bos_token + '[INST] ' + message['content'].strip() + ' [/INST]' }}\
                {% else %}{{ ' ' + message['content'].strip() + ' ' + eos_token }}{% endif %}
                {% endfor %}
                """;
        ChatTemplate t = new ChatTemplate(tmpl, "<s>", "</s>");
        assertEquals("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello </s><s>[INST] Bye [/INST]",
                t.render(List.of(ChatMessage.system(" Be brief. "), ChatMessage.user(" Hi "),
                        ChatMessage.assistant("Hello"), ChatMessage.user("Bye")), true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.render(List.of(ChatMessage.assistant("x")), true));
        assertTrue(e.getMessage().contains("Conversation roles must alternate"), e.getMessage());
    }

    /** Jinja's "-" markers strip whitespace around tags; Jinjava 2.8 ignores them on {{- ... }} (Qwen2.5's template). */
    @Test
    void whitespaceControlStripsAroundTags() {
        String tmpl = "{%- for m in messages %}\n    {{- '<' + m['content'] + '>' }}\n  {{ '|' -}}  \n{%- endfor %}\n";
        // Rendered with jinja2 3.1.6 (trim_blocks, lstrip_blocks): "<a>\n  |<b>\n  |"
        assertEquals("<a>\n  |<b>\n  |", new ChatTemplate(tmpl, "", "").render(
                List.of(ChatMessage.user("a"), ChatMessage.user("b")), false));
    }
}

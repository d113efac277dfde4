package dev.tpop.llm.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.tpop.llm.gguf.GgufFile;
import dev.tpop.llm.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a conversation into the prompt text a model was fine-tuned on, using the Jinja template
 * stored in its GGUF ({@code tokenizer.chat_template}), the same template HF transformers'
 * {@code apply_chat_template} renders. We use Jinjava (a maintained Jinja engine) configured like
 * transformers' environment: {@code trim_blocks} and {@code lstrip_blocks} on, one trailing newline
 * of the template dropped (Jinja's default {@code keep_trailing_newline = False}), a
 * {@code raise_exception(msg)} function that aborts rendering with {@link IllegalArgumentException},
 * and the variables {@code messages}, {@code add_generation_prompt}, {@code bos_token},
 * {@code eos_token}.
 *
 * <p>Jinja's whitespace control ({@code {{- x -}}}, {@code {%- x -%}}: strip all whitespace before or
 * after the tag) is applied to the template text before Jinjava sees it ({@link #applyWhitespaceControl}),
 * because Jinjava 2.8 ignores it on expression tags: Qwen2.5's template indents every
 * {@code {{- '<|im_start|>...' }}}, and Jinjava rendered that indentation into the prompt.
 *
 * <p>If the GGUF has no template we fall back to ChatML ({@link #CHATML}), which is what llama.cpp
 * also assumes for such models; {@link #isFallback()} reports it. The rendered text contains
 * special tokens written out, so tokenize it with {@link Tokenizer#encodeWithSpecialTokens(String)}.
 */
public final class ChatTemplate {
    /** The ChatML template used when a model ships none. */
    public static final String CHATML = "{% for message in messages %}"
            + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private final String source;
    /** {@link #source} with whitespace control applied: what Jinjava renders. */
    private final String rendered;
    private final boolean fallback;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;

    /**
     * @param source   the Jinja template text
     * @param bosToken text bound to {@code bos_token} ("" if none)
     * @param eosToken text bound to {@code eos_token} ("" if none)
     */
    public ChatTemplate(String source, String bosToken, String eosToken) {
        this(source, bosToken, eosToken, false);
    }

    private ChatTemplate(String source, String bosToken, String eosToken, boolean fallback) {
        this.source = source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
        this.rendered = applyWhitespaceControl(this.source);
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.fallback = fallback;
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
        jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raiseException", String.class));
    }

    /** The template of {@code f}, with {@code bos_token}/{@code eos_token} taken from {@code t}'s vocabulary. */
    public static ChatTemplate fromGguf(GgufFile f, Tokenizer t) {
        String bos = tokenString(f, t, "tokenizer.ggml.bos_token_id");
        String eos = tokenString(f, t, "tokenizer.ggml.eos_token_id");
        Object tmpl = f.metadata().get("tokenizer.chat_template");
        if (tmpl instanceof String s && !s.isBlank()) return new ChatTemplate(s, bos, eos, false);
        return new ChatTemplate(CHATML, bos, eos, true);
    }

    private static String tokenString(GgufFile f, Tokenizer t, String key) {
        int id = f.getInt(key, -1);
        return id >= 0 && id < t.vocabularySize() ? t.tokenText(id) : "";
    }

    /** Whether this is the ChatML fallback because the model carried no template. */
    public boolean isFallback() { return fallback; }

    /** The template text being rendered. */
    public String source() { return source; }

    /**
     * Renders {@code messages}; with {@code addGenerationPrompt} the text ends with the header that
     * makes the model answer as the assistant.
     *
     * @throws IllegalArgumentException if the template rejects the conversation (raise_exception) or fails to render
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> msgs = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.content());
            msgs.add(map);
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("messages", msgs);
        vars.put("add_generation_prompt", addGenerationPrompt);
        vars.put("bos_token", bosToken);
        vars.put("eos_token", eosToken);
        RenderResult result = jinjava.renderForResult(rendered, vars);
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                String msg = e.getMessage();
                Throwable cause = e.getException();
                while (cause != null) {
                    if (cause instanceof TemplateRaisedException r) msg = r.getMessage();
                    cause = cause.getCause();
                }
                throw new IllegalArgumentException("chat template error: " + msg);
            }
        }
        return result.getOutput();
    }

    /**
     * Removes the whitespace that Jinja's {@code -} markers strip: all whitespace before an opening
     * {@code {{-}, {@code {%-} or {@code {#-}, and after a closing {@code -}}}, {@code -%}} or {@code -#}};
     * the markers become plain tags. Done on the text, so it does not depend on the engine.
     */
    static String applyWhitespaceControl(String template) {
        return template.replaceAll("\\s*\\{([{%#])-", "{$1").replaceAll("-([}%#])}\\s*", "$1}");
    }

    /** Jinja's {@code raise_exception(msg)}, which HF templates use to reject a conversation. */
    public static String raiseException(String message) {
        throw new TemplateRaisedException(message);
    }

    /** Carries a template's own error message out of Jinjava. */
    static final class TemplateRaisedException extends RuntimeException {
        TemplateRaisedException(String message) { super(message); }
    }
}

package dev.tpop.eval.decode;

import dev.tpop.llm.chat.ChatMessage;
import java.util.List;

/**
 * The two prompts the baselines contrast. The plain prompt is what T-POP and Base see; the
 * preference prompt adds the papers' system sentence, which is how Pref, BS16, LA and Amulet are told
 * the attribute (T-POP is never told: it learns it from feedback).
 */
public final class PreferencePrompt {
    private PreferencePrompt() {}

    /** The sentence of the Amulet and T-POP papers. */
    public static String sentence(String attribute) {
        return "Your answer should be " + attribute + " as much as possible.";
    }

    public static List<ChatMessage> plain(String query) {
        return List.of(new ChatMessage("user", query));
    }

    public static List<ChatMessage> preference(String attribute, String query) {
        return List.of(new ChatMessage("system", sentence(attribute)), new ChatMessage("user", query));
    }
}

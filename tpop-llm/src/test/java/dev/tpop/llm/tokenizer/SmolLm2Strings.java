package dev.tpop.llm.tokenizer;

import java.util.List;

/** Probe strings for SmolLM2's tokenizer: chat markup, unicode, digits, whitespace runs, code. */
final class SmolLm2Strings {
    static final String CHAT = "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
            + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n";
    static final List<String> ALL = List.of(
            "Hello world",
            "Hello, world! How's it going? I'll be there; we've done it.",
            CHAT,
            "Grüße aus München — naïve café, 日本語のテキスト, 한국어, Ελληνικά, русский 🤖🎉👍🏽",
            "Numbers: 1234567890 3.14159 1,000,000 and 42nd",
            "   leading spaces\tand\ttabs\n\n\nnewlines    trailing   ",
            "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
            "public static void main(String[] args) { System.out.println(\"hi\"); } // <|endoftext|>",
            "",
            " ",
            "\u00a0nbsp and \u3000 ideographic space");

    private SmolLm2Strings() {}
}

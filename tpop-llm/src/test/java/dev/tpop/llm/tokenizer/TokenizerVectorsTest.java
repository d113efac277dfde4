package dev.tpop.llm.tokenizer;

import dev.tpop.llm.gguf.GgufFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks our tokenizer against llama.cpp's own reference tokenizations (models/ggml-vocab-*.gguf
 * with their .inp/.out files, as used by llama.cpp's tests/test-tokenizer-0). The files are fetched
 * by scripts/fetch-tokenizer-vectors.sh into the directory named by system property
 * {@code tpop.vocab.dir}; when they are missing the test fails (never skips) and says how to fetch.
 *
 * <p>Included: every "gpt2"-type (byte-level BPE) vocabulary that has vectors. Excluded:
 * llama-spm, phi-3, baichuan (model "llama", SentencePiece: not implemented), bert-bge (WordPiece),
 * nomic-bert-moe (T5/UGM), gemma-4 (its own model type), and aquila, gpt-neox (no .inp/.out vectors).
 */
class TokenizerVectorsTest {
    static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    static Path vocabDir() {
        String env = System.getenv("TPOP_VOCAB_DIR"); // where scripts/fetch-tokenizer-vectors.sh put them
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("tpop.vocab.dir", System.getProperty("user.home") + "/.cache/tpop/llama.cpp-vocab"));
    }

    static Path requireFile(String name) {
        Path p = vocabDir().resolve(name);
        if (!Files.isRegularFile(p)) {
            fail("llama.cpp tokenizer test vectors missing: " + p
                    + " -- run scripts/fetch-tokenizer-vectors.sh (or set TPOP_VOCAB_DIR and -Dtpop.vocab.dir)");
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gpt-2", "llama-bpe", "qwen2", "qwen35", "starcoder", "refact", "command-r", "mpt",
            "falcon", "deepseek-coder", "deepseek-llm"})
    void matchesLlamaCpp(String name) throws IOException {
        Path gguf = requireFile("ggml-vocab-" + name + ".gguf");
        String inp = Files.readString(requireFile("ggml-vocab-" + name + ".gguf.inp"), StandardCharsets.UTF_8);
        List<String> out = Files.readAllLines(requireFile("ggml-vocab-" + name + ".gguf.out"), StandardCharsets.UTF_8);
        // test-tokenizer-0.cpp: inputs are separated by SEPARATOR; the file ends with one too
        List<String> inputs = new ArrayList<>(Arrays.asList(inp.split(SEPARATOR, -1)));
        if (!inputs.isEmpty() && inputs.getLast().isEmpty()) inputs.removeLast();
        assertEquals(inputs.size(), out.size(), name + ": .inp and .out disagree on the number of cases");
        try (GgufFile f = GgufFile.open(gguf)) {
            Tokenizer t = Tokenizer.fromGguf(f);
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String line = out.get(i).trim();
                int[] expected = line.isEmpty() ? new int[0]
                        : Arrays.stream(line.split(" +")).mapToInt(Integer::parseInt).toArray();
                int[] actual = t.encode(inputs.get(i));
                if (!Arrays.equals(expected, actual)) {
                    failures.add("case " + i + " " + quote(inputs.get(i)) + "\n  expected " + Arrays.toString(expected)
                            + "\n  actual   " + Arrays.toString(actual));
                }
            }
            assertTrue(failures.isEmpty(), name + ": " + failures.size() + "/" + inputs.size()
                    + " cases differ from llama.cpp:\n" + String.join("\n", failures));
            System.out.println(name + ": " + inputs.size() + " cases match llama.cpp");
        }
    }

    @org.junit.jupiter.api.Test
    void rejectsSentencePieceWithAClearError() {
        try (GgufFile f = GgufFile.open(requireFile("ggml-vocab-llama-spm.gguf"))) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Tokenizer.fromGguf(f));
            assertTrue(e.getMessage().contains("unsupported tokenizer model 'llama'"), e.getMessage());
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + "\"";
    }
}

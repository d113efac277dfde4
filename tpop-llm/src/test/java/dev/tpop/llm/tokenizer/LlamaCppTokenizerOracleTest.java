package dev.tpop.llm.tokenizer;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.tpop.llm.gguf.GgufFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Live cross-check of SmolLM2's tokenizer against llama.cpp itself (de.kherud:llama, JNI), whose
 * {@code encode} parses special tokens, like our {@link Tokenizer#encodeWithSpecialTokens}.
 */
class LlamaCppTokenizerOracleTest {
    @Test
    void smolLm2MatchesLlamaCpp() {
        Path model = SmolLm2TokenizerTest.modelPath();
        try (GgufFile f = GgufFile.open(model);
             LlamaModel oracle = new LlamaModel(new ModelParameters().setModel(model.toString()).setGpuLayers(0).setCtxSize(256))) {
            Tokenizer t = Tokenizer.fromGguf(f);
            for (String s : SmolLm2Strings.ALL) {
                assertArrayEquals(oracle.encode(s), t.encodeWithSpecialTokens(s), () -> "tokenizing " + s);
            }
        }
    }
}

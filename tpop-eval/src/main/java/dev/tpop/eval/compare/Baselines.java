package dev.tpop.eval.compare;

import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.eval.decode.AmuletGame;
import dev.tpop.eval.decode.BeamSearch;
import dev.tpop.eval.decode.ContrastiveStrategy;
import dev.tpop.eval.decode.DecodingStrategy;
import dev.tpop.eval.decode.GreedyStrategy;

/** The baselines of the papers by report name, configured from a preset. */
public final class Baselines {
    private Baselines() {}

    public static DecodingStrategy create(String name, DecodingBackend backend, String attribute, EvalPreset preset) {
        int m = preset.maxNewTokens();
        return switch (name) {
            case "Base" -> GreedyStrategy.base(backend, m);
            case "Pref" -> GreedyStrategy.pref(backend, attribute, m);
            case "BS16" -> BeamSearch.bs16(backend, attribute, m);
            case "LA" -> ContrastiveStrategy.linearAlignment(backend, attribute, preset.laRatio(), preset.laTopP(), m);
            case "Amulet" -> ContrastiveStrategy.amulet(backend, attribute, AmuletGame.defaults(), m);
            default -> throw new IllegalArgumentException("unknown baseline '" + name + "'; valid: " + EvalPreset.ALL_BASELINES);
        };
    }
}

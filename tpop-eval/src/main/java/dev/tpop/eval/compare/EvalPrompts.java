package dev.tpop.eval.compare;

import dev.tpop.eval.prompts.PromptSet;
import dev.tpop.eval.prompts.PromptSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training and held-out prompts of an evaluation: each set is split with the preset's split seed
 * ({@link PromptSet#split}), the first {@code trainPerSet} of its train part and the first
 * {@code heldOutPerSet} of its held-out part are taken, and the sets are concatenated. Disjoint by
 * construction, and checked again across sets (a question shared by two sets cannot land on both sides).
 */
public record EvalPrompts(List<String> train, List<String> heldOut, List<String> sources) {
    public EvalPrompts {
        train = List.copyOf(train);
        heldOut = List.copyOf(heldOut);
        sources = List.copyOf(sources);
        for (String h : heldOut) {
            if (train.contains(h)) throw new IllegalStateException("held-out prompt also used for training: " + h);
        }
    }

    /** Loads the preset's sets; a set name without a folder is looked up in {@code sharedPrompts}. */
    public static EvalPrompts load(EvalPreset preset, Path sharedPrompts) throws IOException {
        List<String> train = new ArrayList<>(), held = new ArrayList<>(), sources = new ArrayList<>();
        for (String name : preset.promptSets()) {
            boolean named = name.strip().equalsIgnoreCase(PromptSet.DEFAULT) || name.strip().startsWith("hf:");
            Path p = Path.of(name);
            if (!named && !Files.exists(p) && sharedPrompts != null && Files.exists(sharedPrompts.resolve(name))) p = sharedPrompts.resolve(name);
            if (!named && !Files.exists(p) && p.getParent() == null) {
                throw new java.nio.file.NoSuchFileException(name, null, sharedPrompts == null
                        ? "prompt set not found here, and there is no shared prompt folder: set --prompts-dir to the folder that holds it"
                        : "prompt set not found here or in " + sharedPrompts + ": set --prompts-dir to the folder that holds it");
            }
            PromptSet set = named ? PromptSet.load(name) : PromptSet.fromFile(p);
            int n = set.size();
            if (n < 2) throw new IllegalArgumentException(p + " has " + n + " prompts; need at least 2");
            double fraction = Math.min(0.5, Math.max((double) preset.heldOutPerSet() / n, 1.0 / n));
            PromptSplit split = set.split(preset.splitSeed(), fraction);
            if (split.heldOut().size() < preset.heldOutPerSet() || split.train().size() < preset.trainPerSet()) {
                throw new IllegalArgumentException(p + " has " + n + " prompts: too few for " + preset.trainPerSet()
                        + " train + " + preset.heldOutPerSet() + " held-out");
            }
            held.addAll(split.heldOut().subList(0, preset.heldOutPerSet()));
            train.addAll(split.train().stream().filter(t -> !held.contains(t) && !train.contains(t))
                    .limit(preset.trainPerSet()).toList());
            sources.add(p.toString());
        }
        train.removeAll(held);
        return new EvalPrompts(interleave(train, preset.promptSets().size()), held, sources);
    }

    /** Round-robin over the sets, so a short run of rounds still sees every set. */
    private static List<String> interleave(List<String> bySet, int sets) {
        int per = bySet.size() / sets;
        if (per * sets != bySet.size()) return bySet;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < per; i++) for (int s = 0; s < sets; s++) out.add(bySet.get(s * per + i));
        return out;
    }
}

package dev.tpop.eval.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tpop.core.Personalizer;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.eval.decode.DecodingStrategy;
import dev.tpop.eval.judge.PairwiseJudge;
import dev.tpop.eval.judge.Verdict;
import dev.tpop.eval.report.Progress;
import dev.tpop.eval.user.SimulatedUser;
import dev.tpop.eval.user.SimulatedUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code tpop eval}: every baseline and T-POP answer the same held-out prompts for each attribute;
 * T-POP learns first, on training prompts only, from a simulated user, once per seed. Each
 * (attribute, method, seed) and each (judge, attribute, method) is a cell persisted by {@link CellStore}
 * as soon as it finishes; a rerun into the same folder skips finished cells, so an interrupted run
 * resumes and nothing finished is ever recomputed. The folder remembers each model's configuration and
 * refuses to mix cells of a different one; several models may share a folder (cells are keyed by model).
 */
public final class Evaluation {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final EvalPreset preset;
    private final EvalPrompts prompts;
    private final DecodingBackend backend;
    private final TpopConfig config;
    private final Map<String, PairwiseJudge> judges;
    private final Path out;
    private final CellStore store;
    private int computed;
    private int reused;

    /** @param judges by short id (used in cell file names); each judges T-POP against every baseline */
    public Evaluation(EvalPreset preset, EvalPrompts prompts, DecodingBackend backend, TpopConfig config,
                      Map<String, PairwiseJudge> judges, Path out) {
        this.preset = preset;
        this.prompts = prompts;
        this.backend = backend;
        this.config = config.with("maxNewTokens", preset.maxNewTokens());
        this.judges = new LinkedHashMap<>(judges);
        this.out = out;
        this.store = new CellStore(out);
    }

    public EvalSummary run() {
        long started = System.nanoTime();
        checkFolder();
        List<MethodResult> results = new ArrayList<>();
        List<JudgeResult> judgements = new ArrayList<>();
        String model = backend.modelId();
        TreeSet<Integer> sweep = new TreeSet<>(preset.rounds());
        int h = prompts.heldOut().size();
        long perTpop = sweep.last() + (long) sweep.size() * h;
        long total = preset.attributes().size() * ((long) preset.baselines().size() * h * (1 + judges.size())
                + (long) (preset.seeds().size() + preset.ablationSeeds()) * perTpop);
        try (Progress progress = Progress.start("tpop eval " + preset.name(), total)) {
            for (String attribute : preset.attributes()) {
                SimulatedUser scorer = SimulatedUsers.create(attribute, 0, 0);
                Map<String, MethodResult> baselineCells = new LinkedHashMap<>();
                for (String name : preset.baselines()) {
                    MethodResult r = cell(CellStore.key(model, attribute, name), MethodResult.class, h, progress, () -> {
                        DecodingStrategy s = Baselines.create(name, backend, attribute, preset);
                        return baseline(model, attribute, s, scorer, progress);
                    });
                    results.add(r);
                    baselineCells.put(name, r);
                }
                List<MethodResult> tpop = new ArrayList<>();
                for (int i = 0; i < preset.seeds().size(); i++) {
                    long seed = preset.seeds().get(i);
                    for (TpopRun.Variant v : i < preset.ablationSeeds() ? TpopRun.Variant.values() : new TpopRun.Variant[] {TpopRun.Variant.FULL}) {
                        String method = v == TpopRun.Variant.FULL ? EvalSummary.TPOP : EvalSummary.TPOP_EXPLOIT_ONLY;
                        MethodResult r = cell(CellStore.key(model, attribute, method, "s" + seed), MethodResult.class, perTpop,
                                progress, () -> tpop(model, attribute, method, v, seed, scorer, sweep, progress));
                        results.add(r);
                        if (v == TpopRun.Variant.FULL) tpop.add(r);
                    }
                }
                MethodResult judged = tpop.get(0);
                for (var j : judges.entrySet()) {
                    for (var b : baselineCells.entrySet()) {
                        judgements.add(cell(CellStore.key("judge", j.getKey(), model, attribute, b.getKey(), "s" + judged.seed()),
                                JudgeResult.class, h, progress, () -> judge(j.getValue(), attribute, judged, b.getValue(), progress)));
                    }
                }
            }
        }
        return new EvalSummary(preset, model, config, prompts, results, judgements, computed, reused,
                Instant.now().toString(), (System.nanoTime() - started) / 1e9);
    }

    private <T> T cell(String key, Class<T> type, long steps, Progress progress, Supplier<T> compute) {
        Optional<T> done = store.load(key, type);
        if (done.isPresent()) {
            reused++;
            progress.stepBy(steps);
            return done.get();
        }
        T value = compute.get();
        store.save(key, value);
        computed++;
        return value;
    }

    private MethodResult baseline(String model, String attribute, DecodingStrategy s, SimulatedUser scorer, Progress progress) {
        long t0 = System.nanoTime();
        List<String> texts = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (String q : prompts.heldOut()) {
            String text = s.generate(q).text();
            texts.add(text);
            scores.add(scorer.score(q, text));
            progress.step();
        }
        progress.message(attribute + " " + s.name() + " " + String.format("%.3f", MethodResult.mean(scores)));
        return new MethodResult(model, attribute, s.name(), -1, prompts.heldOut(), texts, scores, MethodResult.mean(scores),
                Repetition.mean(texts), List.of(), Map.of(), (System.nanoTime() - t0) / 1e9);
    }

    private MethodResult tpop(String model, String attribute, String method, TpopRun.Variant variant, long seed,
                              SimulatedUser scorer, TreeSet<Integer> sweep, Progress progress) {
        long t0 = System.nanoTime();
        TpopConfig c = config.with("seed", seed);
        TpopRun run = new TpopRun(backend, Personalizer.featurizer(backend, c), c);
        SimulatedUser noisy = SimulatedUsers.create(attribute, preset.userNoise(), seed);
        TpopRun.Outcome o = run.run(variant, prompts.train(), prompts.heldOut(), sweep, noisy, scorer, progress);
        MethodResult.Checkpoint last = o.checkpoints().get(o.checkpoints().size() - 1);
        progress.message(attribute + " " + method + " s" + seed + " " + String.format("%.3f", last.meanScore()));
        return new MethodResult(model, attribute, method, seed, prompts.heldOut(), last.texts(), last.scores(),
                last.meanScore(), last.repetition(), o.checkpoints(), o.preferenceCounts(), (System.nanoTime() - t0) / 1e9);
    }

    private JudgeResult judge(PairwiseJudge judge, String attribute, MethodResult tpop, MethodResult other, Progress progress) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < prompts.heldOut().size(); i++) {
            verdicts.add(judge.compare(attribute, prompts.heldOut().get(i), tpop.texts().get(i), other.texts().get(i)));
            progress.step();
        }
        return new JudgeResult(judge.name(), attribute, other.method(), tpop.seed(), verdicts);
    }

    /** What a rerun may add to a folder: cells are keyed by attribute and by method. */
    private static final List<String> SCOPE = List.of("attributes", "baselines");

    private static JsonNode withoutScope(JsonNode fingerprint) {
        ObjectNode copy = fingerprint.deepCopy();
        if (copy.get("preset") instanceof ObjectNode preset) preset.remove(SCOPE);
        return copy;
    }

    /** The settings (field names, one level into objects) whose values differ, e.g. "tpopConfig.omega". */
    private static List<String> differences(JsonNode before, JsonNode now) {
        List<String> names = new ArrayList<>();
        java.util.Set<String> fields = new java.util.TreeSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        now.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode a = before.path(field), b = now.path(field);
            if (a.equals(b)) continue;
            if (a.isObject() && b.isObject()) {
                java.util.Set<String> inner = new java.util.TreeSet<>();
                a.fieldNames().forEachRemaining(inner::add);
                b.fieldNames().forEachRemaining(inner::add);
                for (String i : inner) if (!a.path(i).equals(b.path(i))) names.add(field + "." + i);
            } else {
                names.add(field);
            }
        }
        return names;
    }

    /**
     * Refuses a folder whose cells came from another configuration (model settings, prompts, sizes,
     * seeds, judges); records this one otherwise. Other attributes or baselines are welcome.
     */
    private void checkFolder() {
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("model", backend.modelId());
        fingerprint.put("preset", preset);
        fingerprint.put("tpopConfig", config.with("seed", 0L));
        fingerprint.put("heldOut", prompts.heldOut());
        fingerprint.put("train", prompts.train());
        fingerprint.put("judges", judges.keySet());
        Path f = out.resolve("eval-config-" + CellStore.key(backend.modelId()) + ".json");
        try {
            Files.createDirectories(out);
            String now = JSON.writeValueAsString(fingerprint);
            if (Files.isRegularFile(f)) {
                JsonNode before = JSON.readTree(Files.readString(f));
                JsonNode current = JSON.readTree(now);
                if (!withoutScope(before).equals(withoutScope(current))) {
                    throw new IllegalStateException(out + " holds an evaluation with another configuration ("
                            + String.join(", ", differences(withoutScope(before), withoutScope(current))) + " differ from "
                            + f.getFileName() + "); use another --out folder or delete it");
                }
                // Same configuration, other attributes or baselines: cells are keyed by both, so the folder
                // can grow; the file records everything it now holds.
                ObjectNode merged = before.deepCopy();
                for (String field : SCOPE) {
                    java.util.LinkedHashSet<String> union = new java.util.LinkedHashSet<>();
                    before.path("preset").path(field).forEach(n -> union.add(n.asText()));
                    current.path("preset").path(field).forEach(n -> union.add(n.asText()));
                    ArrayNode a = ((ObjectNode) merged.get("preset")).putArray(field);
                    union.forEach(a::add);
                }
                if (!merged.equals(before)) Files.writeString(f, JSON.writeValueAsString(merged));
            } else {
                Files.writeString(f, now);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

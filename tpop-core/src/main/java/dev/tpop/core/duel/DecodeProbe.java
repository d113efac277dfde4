package dev.tpop.core.duel;

/**
 * Where a benchmark hears how long each part of a decode took (the per-token breakdown of
 * {@code tpop bench}).
 *
 * <p>Why a hook rather than always-on timers: a decoder has none unless one is attached with
 * {@link DuelingDecoder#withProbe}, and then every timing site is a single null check, so the normal
 * path pays nothing for it. Called on the decoding thread only.
 */
public interface DecodeProbe {
    /** The parts of one decode that are timed separately; the rest is "everything else". */
    enum Phase {
        /** The prompt's prefill (before the first token; not a per-token cost). */
        PREFILL,
        /** The base model's batched forward step. */
        FORWARD,
        /** Top-k of the logits (with their log-normalizer). */
        TOP_K,
        /** The featurizer's candidate rows and their pooling into reward inputs. */
        FEATURIZER,
        /** The reward MLP on every candidate, with its last-layer gradient. */
        REWARD,
        /** The explore arm's UCB bonus: gradient differences and their V^-1 norms. */
        UCB,
        /** Argmax over the scores and the arm's bookkeeping of the chosen token. */
        SELECTION
    }

    /** {@code nanos} more were spent in {@code phase}. */
    void add(Phase phase, long nanos);

    /** One decode of {@code tokens} tokens (all arms together) took {@code nanos} from start to end. */
    void decoded(int tokens, long nanos);
}

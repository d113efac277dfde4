package dev.tpop.eval.prompts;

import java.util.List;

/**
 * Prompts for learning and prompts for scoring. Disjoint by construction: the two lists are the two
 * parts of one permutation of a set without duplicates, because evaluating on prompts that were
 * learned from would overstate personalization (the public T-POP code does exactly that).
 */
public record PromptSplit(List<String> train, List<String> heldOut) {
    public PromptSplit {
        train = List.copyOf(train);
        heldOut = List.copyOf(heldOut);
    }
}

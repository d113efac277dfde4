package dev.tpop.core.duel;

/** The two answers of one round: arm 1 (exploit, greedy under the reward) and arm 2 (explore, UCB). */
public record Duel(ArmResponse exploit, ArmResponse explore) {}

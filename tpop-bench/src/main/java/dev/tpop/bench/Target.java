package dev.tpop.bench;

/**
 * One of issue #5's targets, as measured.
 *
 * @param name  what is compared
 * @param goal  the target, in words
 * @param value the measured figure, in {@code unit}
 * @param met   whether the measurement meets the goal
 */
public record Target(String name, String goal, double value, String unit, boolean met) {}

package dev.tpop.eval.report;

import java.time.Duration;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long loop (rounds of a simulation, prompts of an evaluation).
 *
 * <p>Why a wrapper: on a terminal a redrawn bar is right, but in CI or a redirected log a redrawn bar
 * becomes thousands of carriage-return fragments. Here, when stderr is not a terminal, the bar is
 * rendered as one plain line per {@code interval} (and a last one on close), so logs stay readable.
 */
public final class Progress implements AutoCloseable {
    private static final int LINE_WIDTH = 100;
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar on stderr: interactive on a terminal, a line every 10 s otherwise. */
    public static Progress start(String task, long total) {
        java.io.Console console = System.console();
        if (console != null && console.isTerminal()) {
            return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).build());
        }
        return start(task, total, System.err::println, Duration.ofSeconds(10));
    }

    /** Plain lines to {@code sink}, at most one per {@code interval}; for logs and tests. */
    public static Progress start(String task, long total, Consumer<String> sink, Duration interval) {
        DelegatingProgressBarConsumer consumer = new DelegatingProgressBarConsumer(line -> {
            String l = line.replace("\r", "").strip();
            if (!l.isEmpty()) sink.accept(l);
        }, LINE_WIDTH);
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis((int) Math.max(1, interval.toMillis()))
                .setConsumer(consumer).build());
    }

    public void step() {
        bar.step();
    }

    public void stepBy(long n) {
        bar.stepBy(n);
    }

    /** A short status shown after the bar, e.g. the latest held-out score. */
    public void message(String text) {
        bar.setExtraMessage(text);
    }

    public long current() {
        return bar.getCurrent();
    }

    @Override
    public void close() {
        bar.close();
    }
}

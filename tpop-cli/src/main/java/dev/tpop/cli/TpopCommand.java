package dev.tpop.cli;

import dev.tpop.llm.gguf.GgufException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tpop} command. Errors a user can fix are printed as one line, never as a stack trace. */
@Command(name = "tpop", mixinStandardHelpOptions = true, version = "tpop 0.1.0",
        description = "Test-time personalization of a frozen LLM from pairwise feedback (T-POP).",
        subcommands = {SimulateCommand.class, EvalCommand.class, ChatCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class TpopCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new TpopCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof IllegalArgumentException || e instanceof GgufException || e instanceof IllegalStateException) {
                err.println("tpop: " + e.getMessage());
                err.flush();
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}

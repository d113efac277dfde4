package dev.tpop.cli;

import dev.tpop.llm.gguf.GgufException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tpop} command. Errors a user can fix are printed as one line, never as a stack trace. */
@Command(name = "tpop", mixinStandardHelpOptions = true, version = "tpop 0.1.0",
        description = "Test-time personalization of a frozen LLM from pairwise feedback (T-POP).",
        subcommands = {SimulateCommand.class, EvalCommand.class, ChatCommand.class, ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
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
            err.println("tpop: " + describe(e));
            if (System.getenv("TPOP_DEBUG") != null) e.printStackTrace(err);
            err.flush();
            return 2;
        });
        cli.setParameterExceptionHandler((e, badArgs) -> {
            // picocli's default prints the whole usage (~100 lines for eval) under the one line that matters
            CommandLine where = e.getCommandLine();
            PrintWriter err = where.getErr();
            err.println("tpop: " + e.getMessage().lines().findFirst().orElse("") + " (see '" + where.getCommandSpec().qualifiedName() + " --help')");
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.flush();
            return 2;
        });
        return cli.execute(args);
    }

    /**
     * One line a user can act on. Problems of the input (bad values, missing or unreadable files,
     * ports in use) are worded by the code that found them; anything else is named by its type, and
     * {@code TPOP_DEBUG=1} prints the full trace for a bug report.
     */
    static String describe(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) e = u.getCause();
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        if (e instanceof java.nio.file.NoSuchFileException) return "file not found: " + message;
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file is in the way (a folder is needed here): " + message;
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied: " + message;
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            return "not valid JSON: " + j.getOriginalMessage();
        }
        if (e instanceof IllegalArgumentException || e instanceof GgufException || e instanceof IllegalStateException
                || e instanceof java.io.IOException) {
            Throwable cause = e.getCause();
            String why = message.isEmpty() && cause != null ? String.valueOf(cause.getMessage()) : message;
            if (e.getClass().getSimpleName().contains("Bind") || why.contains("Port already in use")) {
                return "cannot listen there: " + why + " (choose another --port, or check --host)";
            }
            return why;
        }
        if (e.getClass().getName().contains("Javalin") || e.getClass().getSimpleName().contains("Bind")) {
            return "cannot start the server: " + message + " (choose another --port, or check --host)";
        }
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) + " (TPOP_DEBUG=1 shows details)";
    }
}

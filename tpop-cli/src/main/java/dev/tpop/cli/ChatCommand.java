package dev.tpop.cli;

import dev.tpop.core.Personalizer;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.duel.ArmResponse;
import dev.tpop.core.duel.Preference;
import dev.tpop.core.session.FeedbackResult;
import dev.tpop.core.session.PendingPair;
import dev.tpop.core.session.UserSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A person personalizes the model in the terminal: each question gets two answers, the person
 * picks one, the reward learns in the background. The two answers are shown in a random order so
 * that a habit of picking the first one does not become a preference for the exploit arm.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Personalize the model yourself in the terminal.",
                "Each question gets two answers; type 1 or 2 for the better one, t for a tie, b if both are bad,"
                        + " s to skip. Commands: :p toggles personalized mode (one answer from your reward),"
                        + " :status shows your rounds, :q quits. Your state is saved after every answer and"
                        + " restored the next time you use the same --user."})
public final class ChatCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Whose personalization to use and grow (letters, digits, . _ -). Default: your login name.")
    String user;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.local/share/tpop/users",
            description = "Where users' states are kept, one file per user. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    @Option(names = {"-p", "--personalized"}, description = "Start in personalized mode: one answer from the exploit arm only.")
    boolean personalized;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of a new user's reward initialization. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (!user.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("user name '" + user + "' must be 1-64 letters, digits, '.', '_' or '-', not starting with '.'");
        }
        TpopConfig config = engine.config(seed);
        PrintStream out = System.out;
        Files.createDirectories(stateDir); // fail now, before any answer could be lost
        Path stateFile = stateDir.resolve(user + ".tpop.json.gz");
        // one chat per user at a time: a second process would overwrite the first one's answers
        try (FileChannel lockFile = FileChannel.open(stateDir.resolve(user + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockFile)) {
            if (lock == null) {
                throw new IllegalStateException("user '" + user + "' is already in a tpop chat elsewhere; finish that one first");
            }
            return chat(config, out, stateFile);
        }
    }

    /** The lock, or null when another chat (this process or another) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private int chat(TpopConfig config, PrintStream out, Path stateFile) throws IOException {
        try (Personalizer p = engine.personalizer(config);
             UserSession session = Files.exists(stateFile) ? UserSession.load(stateFile, p.decoder()) : UserSession.create(user, p.decoder())) {
            if (config.topK() > p.backend().vocabularySize()) {
                out.printf("note: top-k %d is larger than the vocabulary; using %d%n", config.topK(), p.backend().vocabularySize());
            }
            out.printf("tpop chat - user '%s', %s so far, model %s%n", user, rounds(session.rounds()), p.backend().modelId());
            out.println("Ask a question (:p personalized mode on/off, :status, :q quit).");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Random order = new Random();
            while (true) {
                out.print(personalized ? "\nyou (personalized)> " : "\nyou> ");
                out.flush();
                String line = in.readLine();
                if (line == null || line.trim().equals(":q")) break;
                String query = line.trim();
                if (query.isEmpty()) {
                    out.println("(empty question - type something, or :q to quit)");
                    continue;
                }
                if (query.equals(":p")) {
                    personalized = !personalized;
                    out.println(personalized ? "personalized mode: one answer from your reward" : "duel mode: two answers, you pick");
                    continue;
                }
                if (query.startsWith(":") && !query.equals(":status")) {
                    out.println("unknown command " + query + " (commands: :p, :status, :q)");
                    continue;
                }
                if (query.equals(":status")) {
                    out.printf("rounds %d, theta version %d, refit %s%n", session.rounds(), session.thetaVersion(),
                            session.refitInProgress() ? "running" : "idle");
                    continue;
                }
                if (personalized) {
                    ArmResponse answer = session.generate(query);
                    out.println("\n" + answer.text());
                    continue;
                }
                PendingPair pair = session.duel(query);
                boolean swap = order.nextBoolean();
                ArmResponse shownFirst = swap ? pair.duel().explore() : pair.duel().exploit();
                ArmResponse shownSecond = swap ? pair.duel().exploit() : pair.duel().explore();
                out.println("\n[1] " + shownFirst.text());
                out.println("\n[2] " + shownSecond.text());
                java.util.Optional<Preference> answer = askPreference(in, out);
                if (answer == null || answer.isEmpty()) session.discard(pair.id()); // never answered, so not kept
                if (answer == null) break; // :q or end of input
                if (answer.isEmpty()) {
                    out.println("(skipped - nothing learned from this pair)");
                    continue;
                }
                Preference actual = swap ? swapArms(answer.get()) : answer.get();
                FeedbackResult result = session.feedback(pair.id(), actual);
                session.save(stateFile);
                out.printf("thanks - %s learned (saved to %s)%n", rounds(result.rounds()), stateFile);
            }
            session.save(stateFile);
        }
        return 0;
    }

    private static String rounds(int n) {
        return n + (n == 1 ? " round" : " rounds");
    }

    /** The person's answer as shown on screen; empty to skip the pair, null to quit (:q or end of input). */
    private static java.util.Optional<Preference> askPreference(BufferedReader in, PrintStream out) throws IOException {
        while (true) {
            out.print("which is better? [1/2/t(ie)/b(oth bad)/s(kip)/:q] ");
            out.flush();
            String a = in.readLine();
            if (a == null || a.trim().equals(":q")) return null;
            if (a.trim().equalsIgnoreCase("s")) return java.util.Optional.empty();
            try {
                return java.util.Optional.of(Preference.parse(a));
            } catch (IllegalArgumentException e) {
                out.println("please type 1, 2, t (tie), b (both bad), s (skip) or :q (quit)");
            }
        }
    }

    private static Preference swapArms(Preference p) {
        return switch (p) {
            case FIRST -> Preference.SECOND;
            case SECOND -> Preference.FIRST;
            default -> p;
        };
    }
}

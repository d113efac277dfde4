package dev.tpop.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ServerMain} in a child JVM, so a test can kill it the hard way (no shutdown hooks run). */
final class ChildServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("listening on http://[^:]+:(\\d+)");
    private final Process process;
    private final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ChildServer start(Path data) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
                "--port=0", "--data=" + data, "--max-new-tokens=6", "--model=" + TestServers.modelPath()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(data.resolve("server-" + System.nanoTime() + ".err").toFile());
        pb.environment().put("TPOP_ADMIN_KEY", TestServers.ADMIN_KEY);
        data.toFile().mkdirs();
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + 120_000;
        String line;
        while (System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) { /* keep the pipe from filling */ }
                    } catch (IOException ignored) {
                        // the process was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new ChildServer(p, Integer.parseInt(m.group(1)));
            }
        }
        p.destroyForcibly();
        throw new IOException("the child server did not start; see " + data + "/server-*.err");
    }

    int port() { return port; }

    /** Kills the JVM at once (SIGKILL): nothing gets a chance to flush or close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}

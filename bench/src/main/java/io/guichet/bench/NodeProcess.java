package io.guichet.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The node in a JVM of its own, started as an operator starts it: {@code guichet run} through the launcher, with the
 * launcher's JVM options (or {@code GUICHET_JAVA_OPTS} when the bench is given them) and the settings in the
 * environment. The launcher {@code exec}s the JVM, so the process started is the node's JVM and its {@code VmHWM} is the
 * node's peak resident memory alone: the mail servers, the Discord stand-in and the bench's data stay in the bench's
 * process. Its output (logs included) goes to a file.
 */
final class NodeProcess implements AutoCloseable {

    private static final String RUNNING = "Guichet is running";

    private final Process process;
    private final Path log;
    private final boolean nativeTracking;

    private NodeProcess(Process process, Path log, boolean nativeTracking) {
        this.process = process;
        this.log = log;
        this.nativeTracking = nativeTracking;
    }

    /**
     * Starts {@code launcher run} with {@code settings} as its environment (plus the database's URL and user) and
     * waits until it says it is running.
     *
     * @param javaOptions     the node's GUICHET_JAVA_OPTS; empty: the launcher's defaults (the bench's own
     *                        GUICHET_JAVA_OPTS is not passed on)
     * @param nativeTracking  whether the JVM tracks its native memory ({@code -XX:NativeMemoryTracking=summary}, given
     *                        in {@code JDK_JAVA_OPTIONS} so that the launcher's options stay as they are)
     */
    static NodeProcess start(Path launcher, Map<String, String> settings, BenchDatabase db, Optional<String> javaOptions,
                             boolean nativeTracking, Path log, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("--node-process starts the node with " + launcher
                    + ", which is not an executable file: run the bench from the checkout or give --launcher");
        }
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "run")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GUICHET_") || k.equals("JDK_JAVA_OPTIONS"));
        env.putAll(settings);
        env.put("GUICHET_DB_URL", db.jdbcUrl());
        env.put("GUICHET_DB_USER", db.user());
        env.put("GUICHET_DB_PASSWORD", db.password());
        javaOptions.ifPresent(options -> env.put("GUICHET_JAVA_OPTS", options));
        if (nativeTracking) {
            env.put("JDK_JAVA_OPTIONS", "-XX:NativeMemoryTracking=summary");
        }
        NodeProcess node = new NodeProcess(builder.start(), log, nativeTracking);
        Instant giveUp = Instant.now().plus(timeout);
        while (!node.saysRunning()) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException("the node's process ended with status " + node.process.exitValue()
                        + " before it was running; its output is in " + log);
            }
            if (Instant.now().isAfter(giveUp)) {
                node.close();
                throw new IllegalStateException("the node's process was not running after " + timeout
                        + "; its output is in " + log);
            }
            Thread.sleep(50);
        }
        return node;
    }

    private boolean saysRunning() throws IOException {
        return Files.exists(log) && Files.readString(log).contains(RUNNING);
    }

    long pid() {
        return process.pid();
    }

    /** The node's resident memory, now and peak, in MB, from {@code /proc/PID/status}; -1 when not readable. */
    long residentMb() {
        return statusKb("VmRSS:") / 1024;
    }

    long peakResidentMb() {
        return statusKb("VmHWM:") / 1024;
    }

    /**
     * CPU time the node's JVM has used so far, user and system, in seconds ({@code /proc/PID/stat}, in clock ticks of
     * 1/100 s); -1 when not readable. Less sensitive to the other work on the machine than the rate.
     */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Threads of the node's JVM now. */
    long threads() {
        return statusKb("Threads:");
    }

    private long statusKb(String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"));
            return lines.stream().filter(l -> l.startsWith(key))
                    .map(l -> Long.parseLong(l.substring(key.length()).strip().split("\\s+")[0]))
                    .findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code jcmd PID VM.native_memory summary scale=MB}: the committed line of each area, or why not. */
    void printNativeMemory(PrintWriter out) {
        if (!nativeTracking) {
            out.println("node native memory: not tracked (--native-memory)");
            return;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "VM.native_memory", "summary",
                    "scale=MB").redirectErrorStream(true).start();
            String summary = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            out.println("node native memory (jcmd VM.native_memory summary, committed MB):");
            summary.lines().filter(l -> l.startsWith("Total:") || l.strip().startsWith("-")
                            || l.strip().startsWith("(stack:") || l.strip().startsWith("(threads #")
                            || l.strip().startsWith("(classes #"))
                    .forEach(l -> out.println("  " + l.strip()));
        } catch (IOException e) {
            out.println("node native memory: not read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the node as an operator does (SIGTERM: the current mail is finished first), then kills it if it hangs. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

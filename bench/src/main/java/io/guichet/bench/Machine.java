package io.guichet.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the benchmark ran on: cores, memory, JDK, load; and this process's peak resident memory. */
final class Machine {

    private Machine() {
    }

    static void describe(PrintWriter out) {
        Runtime runtime = Runtime.getRuntime();
        out.printf("machine: %d cores, %s RAM, %s, JDK %s (%s), max heap %d MB%n", runtime.availableProcessors(),
                procLine("/proc/meminfo", "MemTotal:").map(String::strip).orElse("?"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                runtime.maxMemory() / (1024 * 1024));
        out.println("load: " + load());
        out.flush();
    }

    /** The 1, 5 and 15 minute load averages, as uptime prints them. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Peak resident set size of this JVM in MB (VmHWM); the PostgreSQL server runs in other processes. */
    static long peakRssMb() {
        return procLine("/proc/self/status", "VmHWM:")
                .map(v -> Long.parseLong(v.strip().split("\\s+")[0]) / 1024)
                .orElse(-1L);
    }

    private static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

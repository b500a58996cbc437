package io.guichet.dist;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution archive works on its own: unpacked in a temporary directory outside the checkout, its launcher
 * runs the demo's round trip with nothing but a Java runtime (no Maven on the PATH, no source tree, no ~/.m2).
 */
class DistributionIT {

    private static final Path ARCHIVE = Path.of(System.getProperty("guichet.distribution", "missing"));
    private static final String VERSION = System.getProperty("guichet.version", "missing");

    @Test
    @DisplayName("the unpacked archive runs 'guichet demo --once' with no Maven and no source")
    void demoFromTheArchive() throws Exception {
        assertThat(ARCHIVE).as("built by ./mvnw package").isRegularFile();
        Path work = Files.createTempDirectory("guichet-dist-");
        try {
            assertThat(work.toRealPath().startsWith(Path.of("").toAbsolutePath().getParent().toRealPath()))
                    .as("unpacked outside the checkout").isFalse();
            Result untar = run(work, List.of("tar", "-xzf", ARCHIVE.toString()), 60);
            assertThat(untar.exit()).as(untar.output()).isZero();
            Path home = work.resolve("guichet-" + VERSION);

            assertThat(home.resolve("bin/guichet")).isExecutable();
            assertThat(home.resolve("conf/guichet.properties.example")).isRegularFile();
            assertThat(home.resolve("packaging/guichet.service")).isRegularFile();
            List<String> lib = names(home.resolve("lib"));
            assertThat(lib).anyMatch(n -> n.startsWith("app-")).anyMatch(n -> n.startsWith("postgresql-"))
                    .noneMatch(n -> n.startsWith("greenmail"));
            assertThat(names(home.resolve("lib/demo"))).as("the demo's mail server and Discord stand-in, apart")
                    .anyMatch(n -> n.startsWith("greenmail-")).anyMatch(n -> n.startsWith("discord-standin-"))
                    .allMatch(n -> n.startsWith("greenmail-") || n.startsWith("discord-standin-")
                            || n.startsWith("Java-WebSocket-"));
            try (Stream<Path> files = Files.walk(home)) {
                assertThat(files.map(Path::toString)).noneMatch(n -> n.endsWith(".java") || n.endsWith("pom.xml"));
            }

            Path runHome = Files.createDirectories(work.resolve("home"));
            Result version = run(runHome, List.of(home.resolve("bin/guichet").toString(), "--version"), 60);
            assertThat(version.exit()).as(version.output()).isZero();
            assertThat(version.output()).contains("guichet " + VERSION);

            Result demo = run(runHome, List.of(home.resolve("bin/guichet").toString(), "demo", "--once"), 180);
            assertThat(demo.exit()).as(demo.output()).isZero();
            assertThat(demo.output()).contains("Answer received: ticket #1000.", "Subject: [Ticket#1000]");
        } finally {
            deleteQuietly(work);
        }
    }

    /** Runs {@code command} in {@code directory} with a bare environment: a Java runtime, no Maven. */
    private static Result run(Path directory, List<String> command, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", directory.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("LANG", "C.UTF-8");
        Path output = Files.createTempFile("guichet-dist-", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutSeconds + " s:\n" + read(output));
        }
        return new Result(process.exitValue(), read(output));
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String> names(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
        }
        return names;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    private record Result(int exit, String output) {
    }
}

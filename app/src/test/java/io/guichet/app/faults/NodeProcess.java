package io.guichet.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Guichet node as an operating-system process: {@code java -cp <this JVM's class path> io.guichet.app.GuichetCli
 * run --config FILE}, its output appended to a log file. {@link #kill()} is {@link Process#destroyForcibly()}: SIGKILL
 * on Linux, no shutdown hook runs, nothing is finished.
 */
final class NodeProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final Instant started;

    private NodeProcess(Process process, int httpPort, Instant started) {
        this.process = process;
        this.httpPort = httpPort;
        this.started = started;
    }

    /**
     * Starts a node with the settings of {@code config} and {@code GUICHET_HTTP_PORT} a free port; the environment
     * passed on holds no {@code GUICHET_*} variable of this JVM, so only the file configures it.
     */
    static NodeProcess start(Path config, Path log) {
        int port = RestartablePostgres.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-cp", productClassPath(),
                "io.guichet.app.GuichetCli", "run", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("GUICHET_"));
        environment.put("GUICHET_HTTP_PORT", Integer.toString(port));
        environment.put("GUICHET_HTTP_BIND", "127.0.0.1");
        try {
            Instant now = Instant.now();
            return new NodeProcess(builder.start(), port, now);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a node", e);
        }
    }

    /**
     * This JVM's class path without the test classes of the project's modules (their logging configuration is for
     * tests): the node runs the product's classes and libraries.
     */
    private static String productClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    Instant started() {
        return started;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether {@code /health/live} answers 200 (the node's HTTP server is up: the node has started). */
    boolean live() {
        return answers("/health/live");
    }

    /** Whether {@code /health/ready} answers 200. */
    boolean ready() {
        return answers("/health/ready");
    }

    private boolean answers(String path) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM (an orderly stop: the current mail is finished), and waits until the process is gone. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

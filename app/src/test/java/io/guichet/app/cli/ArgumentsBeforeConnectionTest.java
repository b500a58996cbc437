package io.guichet.app.cli;

import io.guichet.app.GuichetCli;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every admin command checks its arguments before it reads a database: a bad one answers at once with the usage
 * error (what is accepted, one pointer to --help, exit 2), even when the database cannot be reached or is embedded
 * and not started.
 */
class ArgumentsBeforeConnectionTest {

    /** A documentation address (TEST-NET-1): nothing answers there, a connection would wait for its timeout. */
    private static final String NOWHERE = "jdbc:postgresql://192.0.2.1:5432/guichet";

    private static final List<List<String>> BAD = List.of(
            List.of("accounts", "add", "Acme", "--coverage-until", "31/12/2030"),
            List.of("accounts", "add", "Acme", "--coverage-until", "none", "--manager-email", "marie@"),
            List.of("accounts", "coverage", "Acme", "soon"),
            List.of("accounts", "cover", "Acme", "VSA", "--until", "soon"),
            List.of("contacts", "add", "Acme", "not-an-address", "--name", "X"),
            List.of("contacts", "add", "Acme", "x@acme.example", "--name", "X", "--language", "de"),
            List.of("contacts", "remove", "nobody"),
            List.of("contacts", "certify", "x@acme.example", "2030-13-01"),
            List.of("contacts", "import", "/no/such/file.csv"),
            List.of("versions", "add", "VSA", "10.0", "--released", "yesterday"),
            List.of("kb", "import", "/no/such/directory"),
            List.of("kb", "search", "agents", "--language", "de"),
            List.of("tickets", "list", "--status", "pending"),
            List.of("tickets", "list", "--limit", "0"),
            List.of("tickets", "show", "abc"),
            List.of("tickets", "transcript", "abc"),
            List.of("quarantine", "list", "--limit", "0"),
            List.of("quarantine", "show", "x"),
            List.of("outbox", "list", "--limit", "0"),
            List.of("outbox", "retry", "abc"));

    private StringWriter out;
    private StringWriter err;

    @Test
    @DisplayName("a bad argument with an unreachable database URL answers the usage error at once, never a connection error")
    void usageBeforeConnection(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("guichet.properties"), "GUICHET_DB_URL=" + NOWHERE + "\n");
        run(List.of("--version")); // loads the command classes once

        for (List<String> command : BAD) {
            long started = System.nanoTime();
            int exit = run(command, "--config", config.toString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            String name = String.join(" ", command);
            assertThat(exit).as(name + ": " + err).isEqualTo(2);
            assertThat(took).as(name + " answered without waiting for a connection").isLessThan(Duration.ofSeconds(1));
            assertThat(err.toString()).as(name).startsWith("guichet: ")
                    .doesNotContain("cannot connect", "192.0.2.1", "Exception");
            String help = "Try 'guichet " + command.get(0) + " " + command.get(1) + " --help'.";
            assertThat(Pattern.compile(Pattern.quote(help)).matcher(err.toString()).results().count())
                    .as(name + ": the hint once").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the same database URL with good arguments does try to connect (so the checks above are not vacuous)")
    void goodArgumentsDoConnect(@TempDir Path dir) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("guichet.properties"),
                "GUICHET_DB_URL=jdbc:postgresql://127.0.0.1:" + closed + "/guichet\n");

        assertThat(run(List.of("tickets", "list", "--limit", "5"), "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot connect to jdbc:postgresql://127.0.0.1:" + closed);
        assertThat(run(List.of("tickets", "list", "--limit", "0"), "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--limit: 0 is not between 1 and 10000").doesNotContain("cannot connect");
    }

    @Test
    @DisplayName("with the embedded database, a bad argument starts no PostgreSQL and creates no data directory")
    void noEmbeddedDatabaseStarted(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("guichet.properties"), "GUICHET_DATA_DIR=" + data + "\n");

        for (List<String> command : BAD) {
            assertThat(run(command, "--config", config.toString())).as(String.join(" ", command)).isEqualTo(2);
        }
        assertThat(data.resolve("pgdata")).doesNotExist();
    }

    private int run(List<String> command, String... more) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = GuichetCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(command);
        args.addAll(List.of(more));
        return commandLine.execute(args.toArray(String[]::new));
    }
}

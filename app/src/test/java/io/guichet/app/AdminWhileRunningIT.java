package io.guichet.app;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.DatabaseHandle;
import io.guichet.app.node.GuichetNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin commands work while a node holds the embedded database: they reach its server instead of starting one. */
class AdminWhileRunningIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    @DisplayName("R1: while run holds the embedded database, accounts are added and listed, and a backup is taken, without stopping it")
    void adminBesideRun(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path file = Files.writeString(dir.resolve("guichet.properties"), "GUICHET_DATA_DIR=" + data + "\n");
        GuichetConfig config = ((ConfigReader.Result.Valid) ConfigReader.read(Map.of("GUICHET_DATA_DIR", data.toString(),
                "GUICHET_HTTP_PORT", "off"))).config();
        try (DatabaseHandle database = DatabaseHandle.openForRun(config.database());
             GuichetNode node = new GuichetNode(config, database.database(), Clock.systemUTC())) {
            node.start();

            assertThat(run("accounts", "add", "Acme", "--coverage-until", "2030-12-31", "--manager-name", "Marie Curie",
                    "--manager-email", "marie@vendor.example", "--config", file.toString())).as(err.toString()).isZero();
            assertThat(node.desk().contacts().accountNamed("Acme")).as("the running node sees it at once").isPresent();
            assertThat(run("accounts", "list", "--config", file.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Acme");
            assertThat(run("backup", dir.resolve("live.zip").toString(), "--config", file.toString()))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).containsPattern("accounts +1");

            assertThat(run("migrate", "--embedded-data-dir", data.resolve("pgdata").toString())).isEqualTo(1);
            assertThat(err.toString()).contains("in use").doesNotContain("Exception");
        }
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = GuichetCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}

package io.guichet.app.cli;

import io.guichet.app.GuichetCli;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.DatabaseHandle;
import io.guichet.app.node.SchemaMismatchException;
import io.guichet.db.SchemaState;
import io.guichet.db.testing.TestDatabase;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Admin commands never migrate: they open the database as it is and refuse, in one line and with exit 1, a database
 * without a schema, behind this build, or migrated by a newer one. Only {@code migrate} and {@code run} migrate; a node
 * refuses to start on a newer schema.
 */
class AdminSchemaIT {

    private StringWriter out;
    private StringWriter err;

    @Test
    @DisplayName("an admin command on a database with no schema refuses with one line and creates nothing there")
    void noSchema(@TempDir Path dir) throws IOException {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            Path config = config(dir, empty);

            assertThat(run("accounts", "list", "--config", config.toString())).isEqualTo(1);
            assertThat(err.toString().strip()).isEqualTo("guichet: this database has no Guichet schema: run"
                    + " 'guichet migrate' (or 'guichet run') first");
            assertThat(run("outbox", "list", "--config", config.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("has no Guichet schema");
            assertThat(empty.database().dsl().fetchCount(empty.database().dsl().select().from("information_schema.tables")
                    .where("table_schema = 'public'"))).as("not even Flyway's history table").isZero();
        }
    }

    @Test
    @DisplayName("an admin command on an older schema refuses and leaves it as it is; after 'guichet migrate' it works")
    void olderSchema(@TempDir Path dir) throws IOException {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            empty.database().migrateTo("5");
            Path config = config(dir, empty);
            String known = empty.database().schemaState().known();

            assertThat(run("accounts", "add", "Acme", "--coverage-until", "none", "--config", config.toString()))
                    .isEqualTo(1);
            assertThat(CheckCommand.database(new io.guichet.app.config.GuichetConfig.DatabaseConfig(
                    java.util.Optional.of(empty.jdbcUrl()), empty.user(), empty.password(), 1, dir)).detail())
                    .isEqualTo("answers; schema at version 5 ('run' or 'guichet migrate' brings it to " + known + ")");
            assertThat(err.toString().strip()).isEqualTo("guichet: schema at version 5, this Guichet needs " + known
                    + ": run 'guichet migrate'");
            assertThat(empty.database().schemaVersion()).as("not migrated").contains("5");

            assertThat(run("migrate", "--db-url", empty.jdbcUrl(), "--db-user", empty.user(), "--db-password",
                    empty.password())).as(err.toString()).isZero();
            assertThat(run("accounts", "add", "Acme", "--coverage-until", "none", "--config", config.toString()))
                    .as(err.toString()).isZero();
        }
    }

    @Test
    @DisplayName("a schema migrated by a newer release: admin commands, migrate and run refuse it with one line, and no node starts")
    void newerSchema(@TempDir Path dir) throws IOException {
        try (TestDatabase migrated = TestDatabase.createMigrated()) {
            migrated.database().dsl().execute("insert into flyway_schema_history (installed_rank, version, description,"
                    + " type, script, checksum, installed_by, installed_on, execution_time, success)"
                    + " select max(installed_rank) + 1, '999', 'from a newer guichet', 'SQL', 'V999__newer.sql', 0,"
                    + " 'test', now(), 1, true from flyway_schema_history");
            assertThat(migrated.database().schemaState()).isInstanceOf(SchemaState.Newer.class);
            String known = migrated.database().schemaState().known();
            Path config = config(dir, migrated);
            String refusal = "guichet: schema at version 999 is newer than this Guichet (" + known
                    + "): use the newer release";

            assertThat(run("tickets", "list", "--config", config.toString())).isEqualTo(1);
            assertThat(err.toString().strip()).isEqualTo(refusal);

            int closed = closedPort();
            Path runConfig = Files.writeString(dir.resolve("run.properties"), Files.readString(config)
                    + "GUICHET_IMAP_HOST=127.0.0.1\nGUICHET_IMAP_PORT=" + closed + "\nGUICHET_IMAP_SECURITY=none\n"
                    + "GUICHET_IMAP_USER=support\nGUICHET_IMAP_PASSWORD=secret\nGUICHET_SMTP_HOST=127.0.0.1\n"
                    + "GUICHET_SMTP_PORT=" + closed + "\nGUICHET_SMTP_SECURITY=none\n"
                    + "GUICHET_SUPPORT_ADDRESS=support@guichet.test\nGUICHET_HTTP_PORT=off\n");
            assertThat(run("check", "--config", runConfig.toString())).isEqualTo(1);
            assertThat(out.toString()).containsPattern("FAIL +database +answers, but its schema at version 999 is"
                    + " newer than this Guichet \\(" + known + "\\): use the newer release");

            assertThat(run("run", "--config", runConfig.toString())).isEqualTo(1);
            assertThat(err.toString()).as("run's check finds it first, in one line, and does not start")
                    .contains("not starting without a usable database:")
                    .containsPattern("FAIL +database +answers, but its schema at version 999 is newer than this"
                            + " Guichet \\(" + known + "\\): use the newer release");
            assertThat(out.toString()).doesNotContain("Guichet is running");
            assertThat(err.toString()).doesNotContain("Exception");

            GuichetConfig.DatabaseConfig external = new GuichetConfig.DatabaseConfig(
                    java.util.Optional.of(migrated.jdbcUrl()), migrated.user(), migrated.password(), 2, dir);
            assertThatThrownBy(() -> DatabaseHandle.openForRun(external)).as("the node's own refusal, under the check")
                    .isInstanceOf(SchemaMismatchException.class).hasMessage(refusal.substring("guichet: ".length()));

            assertThat(run("migrate", "--db-url", migrated.jdbcUrl(), "--db-user", migrated.user(), "--db-password",
                    migrated.password())).isEqualTo(1);
            assertThat(err.toString()).contains("schema is at version 999, newer than this Guichet knows");
        }
    }

    @Test
    @DisplayName("with the embedded database never initialized, an admin command refuses and creates no data directory")
    void embeddedNeverInitialized(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("guichet.properties"), "GUICHET_DATA_DIR=" + data + "\n");

        assertThat(run("contacts", "list", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("this database has no Guichet schema: run 'guichet migrate'");
        assertThat(data.resolve("pgdata")).doesNotExist();
    }

    private static Path config(Path dir, TestDatabase database) throws IOException {
        return Files.writeString(dir.resolve("guichet.properties"), "GUICHET_DB_URL=" + database.jdbcUrl()
                + "\nGUICHET_DB_USER=" + database.user() + "\nGUICHET_DB_PASSWORD=" + database.password() + "\n");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = GuichetCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}

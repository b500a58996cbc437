package io.guichet.app;

import io.guichet.db.testing.PostgresExtension;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class GuichetCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void help_lists_the_migrate_command() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: guichet").containsPattern("(?m)^\\s+migrate\\s+Apply");
    }

    @Test
    void version_prints_the_build_version() {
        int exitCode = run("--version");

        assertThat(exitCode).isZero();
        assertThat(out.toString().strip()).matches("guichet \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void no_command_is_a_usage_error() {
        int exitCode = run();

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void migrate_applies_every_migration_to_an_empty_database() {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            int exitCode = run("migrate", "--db-url", empty.jdbcUrl(),
                    "--db-user", empty.user(), "--db-password", empty.password());

            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Applied V1 core", "Applied V2 quartz", "Applied V3 mail")
                    .containsPattern("Schema now at version \\d+ \\(\\d+ applied\\)");
            assertThat(empty.database().migrate().applied()).as("nothing left to apply").isEmpty();
        }
    }

    @Test
    void migrate_on_an_up_to_date_database_applies_nothing(TestDatabase database) {
        int exitCode = run("migrate", "--db-url", database.jdbcUrl(),
                "--db-user", database.user(), "--db-password", database.password());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("Applied").containsPattern("Schema already up to date at version \\d+\\.");
    }

    @Test
    void migrate_without_a_url_uses_an_embedded_postgresql_that_keeps_its_data(@TempDir Path home) {
        Path data = home.resolve("pgdata");

        int first = run("migrate", "--embedded-data-dir", data.toString());
        int second = run("migrate", "--embedded-data-dir", data.toString());

        assertThat(first).as(err.toString()).isZero();
        assertThat(second).as(err.toString()).isZero();
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();
        assertThat(out.toString()).contains("Applied V2 quartz").containsPattern("Schema already up to date at version \\d+\\.");
    }

    @Test
    void an_unreachable_database_fails_with_one_line_and_no_stack_trace() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exitCode = run("migrate", "--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/guichet",
                "--db-password", "s3cret");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString().strip())
                .startsWith("guichet: cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort + "/guichet: ")
                .doesNotContain("\n", "Exception", "\tat ", "s3cret");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("run with bad settings exits 78 and names every bad setting, without a stack trace")
    void run_with_a_bad_setting_names_it(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("guichet.properties");
        Files.writeString(config, """
                GUICHET_IMAP_HOST=imap.example.com
                GUICHET_IMAP_PORT=imap
                GUICHET_SMTP_HOST=smtp.example.com
                GUICHET_SUPPORT_ADDRESS=support@example.com
                GUICHET_AUTO_RESOLVE_AFTER=seven days
                """);

        int exitCode = run("run", "--config", config.toString());

        assertThat(exitCode).isEqualTo(78);
        assertThat(err.toString()).contains("GUICHET_IMAP_PORT: 'imap' is not a whole number between 1 and 65535.")
                .contains("GUICHET_AUTO_RESOLVE_AFTER: 'seven days'").doesNotContain("Exception", "\tat ");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("run lists five mistakes of the file and the environment in one run")
    void run_lists_every_mistake_at_once(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("guichet.properties");
        Files.writeString(config, """
                # five mistakes
                imap_host=imap.example.com
                GUICHET_IMAP_PORT=imap
                GUICHET_SUPPORT_ADDRESS=support@example.com # the desk
                GUICHET_DB_URL=postgres://guichet@db.example.com/guichet
                GUICHET_AUTO_RESOLVE_AFTER=7 days
                """);

        int exitCode = run("run", "--config", config.toString());

        assertThat(exitCode).isEqualTo(78);
        assertThat(err.toString()).contains("(8 problems)")
                .contains("imap_host is not a Guichet setting; did you mean GUICHET_IMAP_HOST?")
                .contains("GUICHET_IMAP_PORT: 'imap' is not a whole number")
                .contains("GUICHET_SUPPORT_ADDRESS: 'support@example.com # the desk' holds ' #'")
                .contains("jdbc:postgresql://db.example.com/guichet")
                .contains("GUICHET_AUTO_RESOLVE_AFTER: '7 days'")
                .contains("GUICHET_IMAP_HOST is missing", "GUICHET_SMTP_HOST is missing",
                        "GUICHET_SUPPORT_ADDRESS is missing")
                .doesNotContain("Exception");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("run without a mailbox says which settings are missing")
    void run_without_a_mailbox_names_the_missing_settings(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("empty.properties");
        Files.writeString(config, "# nothing\n");

        int exitCode = run("run", "--config", config.toString());

        assertThat(exitCode).isEqualTo(78);
        assertThat(err.toString()).contains("GUICHET_IMAP_HOST is missing", "GUICHET_SMTP_HOST is missing",
                "GUICHET_SUPPORT_ADDRESS is missing");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("run with a missing --config file says so")
    void run_with_a_missing_config_file(@TempDir Path dir) {
        int exitCode = run("run", "--config", dir.resolve("nope.properties").toString());

        assertThat(exitCode).isEqualTo(78);
        assertThat(err.toString()).contains("nope.properties: no such file.");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("run with the health port taken exits 1 naming GUICHET_HTTP_PORT, before reading any mail")
    void run_with_the_http_port_taken(TestDatabase database, @TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path config = dir.resolve("guichet.properties");
            Files.writeString(config, "GUICHET_DB_URL=" + database.jdbcUrl() + "\nGUICHET_DB_USER=" + database.user()
                    + "\nGUICHET_DB_PASSWORD=" + database.password() + "\nGUICHET_IMAP_HOST=127.0.0.1\nGUICHET_IMAP_PORT=1"
                    + "\nGUICHET_SMTP_HOST=127.0.0.1\nGUICHET_SMTP_PORT=1\nGUICHET_SUPPORT_ADDRESS=support@example.com"
                    + "\nGUICHET_HTTP_PORT=" + taken.getLocalPort() + "\n");

            int exitCode = run("run", "--config", config.toString());

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString()).as("run's check first: the mail servers at port 1 only warn")
                    .contains("guichet: 2 parts fail; starting anyway").doesNotContain("Exception", "\tat ");
            assertThat(err.toString().strip().lines().toList().getLast()).startsWith("guichet: GUICHET_HTTP_PORT "
                    + taken.getLocalPort() + " cannot be listened on");
            assertThat(out.toString()).doesNotContain("Guichet is running");
        }
    }

    private int run(String... args) {
        CommandLine commandLine = GuichetCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}

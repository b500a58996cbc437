package io.guichet.app.cli;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.db.AppliedMigration;
import io.guichet.db.Database;
import io.guichet.db.EmbeddedPostgresServer;
import io.guichet.db.MigrationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code guichet migrate}: applies the pending database migrations, prints what it applied and exits. With no
 * database URL it runs them on the embedded PostgreSQL whose data lives in {@code --embedded-data-dir}.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Apply the pending database migrations, print what was applied and exit.")
public final class MigrateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:GUICHET_DB_URL}",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db.example:5432/guichet (env GUICHET_DB_URL)."
                    + " Without one, an embedded PostgreSQL is used.")
    private String url;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:GUICHET_DB_USER}",
            description = "Database user (env GUICHET_DB_USER).")
    private String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:GUICHET_DB_PASSWORD}",
            description = "Database password (env GUICHET_DB_PASSWORD; prefer it: other local users can read"
                    + " a command line).")
    private String password;

    @Option(names = "--embedded-data-dir", paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL, used when no URL is given (default: pgdata in"
                    + " GUICHET_DATA_DIR, as for run).")
    private Path embeddedDataDirectory;

    @picocli.CommandLine.Mixin
    private Configured configured;

    @Override
    public Integer call() {
        if (configured.file().isPresent()) {
            // the database of a configuration file, as run reads it; the options above still override it
            Optional<GuichetConfig> config = configured.read(System.getenv(), spec.commandLine().getErr());
            if (config.isEmpty()) {
                return CliFailures.CONFIG;
            }
            GuichetConfig.DatabaseConfig database = config.get().database();
            if ((url == null || url.isBlank()) && database.url().isPresent()) {
                url = database.url().get();
                user = user == null || user.isBlank() ? database.user() : user;
                password = password == null || password.isBlank() ? database.password() : password;
            } else if (embeddedDataDirectory == null) {
                embeddedDataDirectory = database.dataDirectory().resolve("pgdata");
            }
        }
        if (url == null || url.isBlank()) {
            Path data = embeddedDataDirectory != null ? embeddedDataDirectory
                    : ConfigReader.dataDirectory(System.getenv()).resolve("pgdata");
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, true);
                 Database database = Database.connect(server.jdbcUrl(), server.user(), server.password(), 2)) {
                out().println("Embedded PostgreSQL, data in " + server.dataDirectory());
                print(database.migrate());
            }
        } else {
            try (Database database = Database.connect(url, orEmpty(user), orEmpty(password), 2)) {
                print(database.migrate());
            }
        }
        return 0;
    }

    private void print(MigrationReport report) {
        PrintWriter out = out();
        for (AppliedMigration migration : report.applied()) {
            out.println("Applied V" + migration.version() + " " + migration.description());
        }
        String version = report.schemaVersion().map(v -> "version " + v).orElse("no version");
        if (report.applied().isEmpty()) {
            out.println("Schema already up to date at " + version + ".");
        } else {
            out.println("Schema now at " + version + " (" + report.applied().size() + " applied).");
        }
        out.flush();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static String orEmpty(String value) {
        return Objects.requireNonNullElse(value, "");
    }
}

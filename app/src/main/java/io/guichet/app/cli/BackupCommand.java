package io.guichet.app.cli;

import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.DatabaseHandle;
import io.guichet.db.LogicalBackup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code guichet backup FILE}: a consistent copy of every table of the database (made for the embedded one, which
 * has no {@code pg_dump}; works on any), restored by {@code guichet restore FILE}. The database is not migrated.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write a backup of the database (every table, a consistent snapshot) to FILE.")
public final class BackupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private Configured configured;

    @Parameters(paramLabel = "FILE", description = "The backup file to write (a ZIP file), e.g. guichet-2026-12-04.zip.")
    private Path file;

    @Override
    public Integer call() {
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || parent == null || !Files.isDirectory(parent)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "FILE: '" + file
                    + "' cannot be written: name a file in an existing directory.");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<GuichetConfig> config = configured.read(System.getenv(), err);
        if (config.isEmpty()) {
            return CliFailures.CONFIG;
        }
        try (DatabaseHandle database = DatabaseHandle.openAsIs(config.get().database())) {
            LogicalBackup.Manifest manifest = LogicalBackup.write(database.database(), file);
            out.println("Backup written to " + file + ": schema version " + manifest.schemaVersion() + ", "
                    + manifest.tables().size() + " tables, " + manifest.rows() + " rows.");
            manifest.tables().stream().filter(t -> t.rows() > 0)
                    .forEach(t -> out.println(String.format("  %-28s %,d", t.name(), t.rows())));
            out.flush();
            return 0;
        } catch (UncheckedIOException e) {
            err.println("guichet: " + e.getMessage());
            err.flush();
            return CliFailures.INFRASTRUCTURE;
        } catch (IllegalStateException e) {
            err.println("guichet: " + e.getMessage());
            err.flush();
            return CliFailures.INFRASTRUCTURE;
        }
    }
}

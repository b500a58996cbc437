package io.guichet.app.cli;

import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.DatabaseHandle;
import io.guichet.db.LogicalBackup;
import io.guichet.db.MigrationReport;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code guichet restore FILE}: loads a backup of {@code guichet backup} into an empty database (a fresh
 * GUICHET_DATA_DIR for the embedded one): the schema is migrated to the backup's version, the rows are loaded in one
 * transaction, the sequences set back, then the remaining migrations run. A database holding data is refused.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Load a backup written by 'guichet backup' into an empty database (a fresh GUICHET_DATA_DIR).")
public final class RestoreCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private Configured configured;

    @Parameters(paramLabel = "FILE", description = "The backup file written by 'guichet backup'.")
    private Path file;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "FILE: '" + file + "' is not a file.");
        }
        List<String> problems = new ArrayList<>();
        Optional<LogicalBackup.Manifest> manifest = LogicalBackup.manifest(file, problems);
        if (manifest.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "FILE: " + problems.getFirst());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<GuichetConfig> config = configured.read(System.getenv(), err);
        if (config.isEmpty()) {
            return CliFailures.CONFIG;
        }
        try (DatabaseHandle database = DatabaseHandle.openAsIs(config.get().database())) {
            database.embeddedDataDirectory().ifPresent(dir -> out.println("Embedded PostgreSQL, data in " + dir));
            if (database.database().schemaVersion().isEmpty()) {
                database.database().migrateTo(manifest.get().schemaVersion());
            }
            switch (LogicalBackup.restore(database.database(), file)) {
                case LogicalBackup.Restore.Refused refused -> {
                    err.println("guichet: nothing restored: " + refused.reason());
                    err.flush();
                    return CliFailures.INFRASTRUCTURE;
                }
                case LogicalBackup.Restore.Restored restored -> {
                    out.println("Restored " + restored.manifest().rows() + " rows in "
                            + restored.manifest().tables().size() + " tables from " + file + " (taken "
                            + restored.manifest().takenAt() + ", schema version " + restored.manifest().schemaVersion()
                            + ").");
                    MigrationReport report = database.database().migrate();
                    report.applied().forEach(m -> out.println("Applied V" + m.version() + " " + m.description()));
                    out.println("Schema at version " + report.schemaVersion().orElse("(none)") + ".");
                    out.flush();
                    return 0;
                }
            }
        } catch (UncheckedIOException e) {
            err.println("guichet: " + e.getMessage());
            err.flush();
            return CliFailures.INFRASTRUCTURE;
        }
    }
}

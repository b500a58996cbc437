package io.guichet.app.cli;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.ConfigSource;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.logging.LogSetup;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code --config} option shared by the commands that read the configuration, and its validation. */
public final class Configured {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of GUICHET_* settings; environment variables override it.")
    private Path file;

    /** The validated configuration, or empty after printing every problem to {@code err}. */
    public Optional<GuichetConfig> read(Map<String, String> environment, PrintWriter err) {
        return read(environment, err, false);
    }

    /**
     * The validated configuration for a command that runs the mail channel (the IMAP server, the SMTP server and the
     * support address are required), or empty after printing every problem to {@code err}.
     */
    public Optional<GuichetConfig> readForRun(Map<String, String> environment, PrintWriter err) {
        return read(environment, err, true);
    }

    /** The file, when one was given. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    private Optional<GuichetConfig> read(Map<String, String> environment, PrintWriter err, boolean forRun) {
        return switch (ConfigSource.load(Optional.ofNullable(file), environment)) {
            case ConfigSource.Loaded.Unreadable unreadable -> {
                report(err, List.of(unreadable.problem()));
                yield Optional.empty();
            }
            case ConfigSource.Loaded.Values values -> {
                // the file's problems and the values' problems are reported together: one run shows every mistake
                List<String> problems = new ArrayList<>(values.problems());
                ConfigReader.Result result = forRun ? ConfigReader.readForRun(values.values())
                        : ConfigReader.read(values.values());
                if (result instanceof ConfigReader.Result.Invalid invalid) {
                    problems.addAll(invalid.problems());
                }
                if (!problems.isEmpty() || !(result instanceof ConfigReader.Result.Valid valid)) {
                    report(err, problems);
                    yield Optional.empty();
                }
                GuichetConfig config = valid.config();
                LogSetup.apply(config.operations().logFormat(), config.operations().logLevel());
                yield Optional.of(config);
            }
        };
    }

    public static void report(PrintWriter err, List<String> problems) {
        err.println("guichet: the configuration is not valid (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "):");
        problems.forEach(p -> err.println("  - " + p));
        err.flush();
    }
}

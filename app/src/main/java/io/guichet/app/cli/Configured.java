package io.guichet.app.cli;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.ConfigSource;
import io.guichet.app.config.GuichetConfig;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
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
        return switch (ConfigSource.load(Optional.ofNullable(file), environment)) {
            case ConfigSource.Loaded.Unreadable unreadable -> {
                report(err, List.of(unreadable.problem()));
                yield Optional.empty();
            }
            case ConfigSource.Loaded.Values values -> switch (ConfigReader.read(values.values())) {
                case ConfigReader.Result.Invalid invalid -> {
                    report(err, invalid.problems());
                    yield Optional.empty();
                }
                case ConfigReader.Result.Valid valid -> Optional.of(valid.config());
            };
        };
    }

    public static void report(PrintWriter err, List<String> problems) {
        err.println("guichet: the configuration is not valid:");
        problems.forEach(p -> err.println("  - " + p));
        err.flush();
    }
}

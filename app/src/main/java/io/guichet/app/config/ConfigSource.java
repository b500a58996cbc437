package io.guichet.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Where settings come from: an optional properties file, overridden by {@code GUICHET_*} environment variables. */
public final class ConfigSource {

    private ConfigSource() {
    }

    /** What loading gave: the merged values, or why the file could not be read. */
    public sealed interface Loaded {
        record Values(Map<String, String> values) implements Loaded {
        }

        record Unreadable(String problem) implements Loaded {
        }
    }

    public static Loaded load(Optional<Path> file, Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        if (file.isPresent()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (NoSuchFileException e) {
                return new Loaded.Unreadable("--config " + file.get() + ": no such file.");
            } catch (IOException | IllegalArgumentException e) {
                return new Loaded.Unreadable("--config " + file.get() + ": cannot be read as a properties file ("
                        + e.getMessage() + ").");
            }
            properties.stringPropertyNames().forEach(k -> merged.put(k.strip(), properties.getProperty(k)));
        }
        environment.forEach((k, v) -> {
            if (k.startsWith("GUICHET_")) {
                merged.put(k, v);
            }
        });
        return new Loaded.Values(merged);
    }
}

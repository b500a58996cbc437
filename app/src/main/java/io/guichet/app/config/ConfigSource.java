package io.guichet.app.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where settings come from: an optional properties file, overridden by {@code GUICHET_*} environment variables.
 *
 * <p>The file is read as {@link Properties} reads it: {@code KEY=value} (or {@code KEY: value}), lines starting with
 * {@code #} or {@code !} are comments, a trailing backslash continues a value on the next line. A properties file
 * has no end-of-line comments: in {@code GUICHET_IMAP_HOST=imap.example.com # ours} the value would end with
 * {@code # ours}, so a value holding a space or tab followed by {@code #} is refused with a message (write
 * {@code \#} for a {@code #} that really belongs to the value). Every key of the file must be a Guichet setting:
 * a misspelt or unprefixed key is an error, with the setting it probably meant.
 */
public final class ConfigSource {

    /** A {@code #} escaped as {@code \#} in the file, kept apart while values are checked for comments. */
    private static final char ESCAPED_HASH = '\uE000';
    private static final Pattern ESCAPED_HASH_IN_TEXT = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\#");
    private static final Pattern INLINE_COMMENT = Pattern.compile("[ \\t]#");

    private ConfigSource() {
    }

    /** What loading gave: the merged values and every problem of the file, or why the file could not be read. */
    public sealed interface Loaded {
        /** The values (environment over file) and the problems found in the file's keys and values. */
        record Values(Map<String, String> values, List<String> problems) implements Loaded {
            public Values {
                values = Map.copyOf(values);
                problems = List.copyOf(problems);
            }
        }

        record Unreadable(String problem) implements Loaded {
        }
    }

    public static Loaded load(Optional<Path> file, Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        List<String> problems = new ArrayList<>();
        if (file.isPresent()) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file.get())))
                        .toString();
            } catch (NoSuchFileException e) {
                return new Loaded.Unreadable("--config " + file.get() + ": no such file.");
            } catch (CharacterCodingException e) {
                return new Loaded.Unreadable("--config " + file.get() + ": is not UTF-8 text.");
            } catch (IOException e) {
                return new Loaded.Unreadable("--config " + file.get() + ": cannot be read (" + e.getMessage() + ").");
            }
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(ESCAPED_HASH_IN_TEXT.matcher(text).replaceAll("$1" + ESCAPED_HASH)));
            } catch (IOException | IllegalArgumentException e) {
                return new Loaded.Unreadable("--config " + file.get() + ": cannot be read as a properties file ("
                        + e.getMessage() + ").");
            }
            List<String> lines = text.lines().toList();
            for (String rawKey : new TreeSet<>(properties.stringPropertyNames())) {
                String key = rawKey.strip();
                String where = "--config " + file.get() + lineOf(lines, rawKey).map(n -> " line " + n).orElse("") + ": ";
                String value = properties.getProperty(rawKey);
                Optional<Setting> setting = Setting.byKey(key);
                if (key.startsWith(MailboxKeys.PREFIX)) {
                    Optional<String> problem = MailboxKeys.problem(key);
                    if (problem.isPresent()) {
                        problems.add(where + problem.get());
                    } else if (INLINE_COMMENT.matcher(value).find()) {
                        String shown = MailboxKeys.secret(key) ? "its value" : "'" + value.replace(ESCAPED_HASH, '#') + "'";
                        problems.add(where + key + ": " + shown + " holds ' #': a properties file has no end-of-line"
                                + " comments; put the comment on a line of its own, or write \\# for a #.");
                    } else {
                        merged.put(key, value.replace(ESCAPED_HASH, '#'));
                    }
                } else if (setting.isEmpty()) {
                    problems.add(where + ConfigReader.unknownKey(key));
                } else if (setting.get().launcherOnly()) {
                    problems.add(where + key + " is read by the launcher before Java starts: set it in the"
                            + " environment (or the service's Environment=); the --config file cannot change it.");
                } else if (INLINE_COMMENT.matcher(value).find()) {
                    String shown = setting.get().secret() ? "its value" : "'" + value.replace(ESCAPED_HASH, '#') + "'";
                    problems.add(where + key + ": " + shown + " holds ' #': a properties file has no end-of-line"
                            + " comments, so the text after # would be part of the value. Put the comment on a line"
                            + " of its own starting with #, or write \\# if the value really holds a #.");
                } else {
                    merged.put(key, value.replace(ESCAPED_HASH, '#'));
                }
            }
        }
        environment.forEach((k, v) -> {
            if (k.startsWith("GUICHET_")) {
                merged.put(k, v);
            }
        });
        return new Loaded.Values(merged, problems);
    }

    /** The number of the line where {@code key} is set (1 for the first), when it can be found. */
    private static Optional<Integer> lineOf(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.startsWith(key) && (line.length() == key.length()
                    || "=: \t".indexOf(line.charAt(key.length())) >= 0)) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }
}

package io.guichet.mail.outbound;

import io.guichet.core.account.Language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail templates, French and English, read once from resources ({@code io/guichet/mail/templates/<lang>/}),
 * each of which an operator may replace by a file of the same name in a directory of their own
 * ({@code <dir>/<lang>/<name>.txt}, {@code <dir>/<lang>/fragments.properties} for some of the short pieces, the
 * {@code signature} among them). A template's first line is {@code Subject: ...}, then a blank line, then the body.
 * Placeholders are {@code {name}}; a placeholder with no value is left empty. A replacement may only use the
 * placeholders of the template it replaces (and {@code {signature}}): {@link #withOverrides} refuses any other, so a
 * typo is caught at start and never mailed. Safe to share between threads.
 */
public final class MailTemplates {

    private static final String ROOT = "/io/guichet/mail/templates/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9_.]+)}");
    /** Every template; each exists in every language (a test checks it). */
    public static final List<String> NAMES = List.of("access-log", "acknowledged", "attachments-lost", "availability-request",
            "certification-expiring", "closed", "downgraded", "end-of-support", "escalated", "intake-complete", "missing",
            "no-access", "not-covered", "on-hold", "page-link", "product-declined", "product-not-covered",
            "reminder", "reopened", "resolved", "server-accessed", "severity-changed", "staff-reply", "still-missing",
            "unknown-sender", "update-frequency");

    private final Map<Language, Map<String, String>> templates = new EnumMap<>(Language.class);
    private final Map<Language, Properties> fragments = new EnumMap<>(Language.class);

    /** The built-in templates only. */
    public MailTemplates() {
        for (Language language : Language.values()) {
            templates.put(language, new ConcurrentHashMap<>());
            fragments.put(language, loadFragments(language));
        }
    }

    /** What reading an operator's templates directory gave. */
    public sealed interface Loaded {
        record Ready(MailTemplates templates) implements Loaded {
        }

        /** Each problem names the file, what is wrong and what is accepted. */
        record Invalid(List<String> problems) implements Loaded {
        }
    }

    /**
     * The built-in templates with those of {@code directory} in their place: every file is checked (a known template
     * or fragment, only the placeholders it is given, a subject line where the built-in has one), and every problem
     * is listed at once.
     */
    public static Loaded withOverrides(Path directory) {
        MailTemplates loaded = new MailTemplates();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new Loaded.Invalid(List.of(directory + " is not a directory (it should hold en/ and fr/)."));
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                Optional<Language> language = Language.parse(name).filter(l -> l.code().equals(name));
                if (language.isEmpty() || !Files.isDirectory(entry)) {
                    problems.add(entry + ": not a language directory; accepted: en/, fr/.");
                    continue;
                }
                loaded.override(language.get(), entry, problems);
            }
        } catch (IOException e) {
            problems.add(directory + " cannot be read (" + e.getMessage() + ").");
        }
        return problems.isEmpty() ? new Loaded.Ready(loaded) : new Loaded.Invalid(List.copyOf(problems));
    }

    private void override(Language language, Path directory, List<String> problems) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
                } catch (IOException e) {
                    problems.add(file + ": cannot be read as UTF-8 text.");
                    continue;
                }
                if (fileName.equals("fragments.properties")) {
                    overrideFragments(language, file, text, problems);
                    continue;
                }
                String name = fileName.endsWith(".txt") ? fileName.substring(0, fileName.length() - 4) : "";
                if (!NAMES.contains(name)) {
                    problems.add(file + ": not a template; accepted: fragments.properties and "
                            + String.join(", ", NAMES.stream().map(n -> n + ".txt").toList()) + ".");
                    continue;
                }
                String builtIn = load(language, name);
                Set<String> allowed = new LinkedHashSet<>();
                for (Language each : Language.values()) {
                    allowed.addAll(placeholders(load(each, name)));
                }
                allowed.add("signature");
                Set<String> used = placeholders(text);
                used.removeAll(allowed);
                if (!used.isEmpty()) {
                    problems.add(file + ": uses " + braces(used) + ", which this template is not given; it may use "
                            + braces(allowed) + ".");
                }
                if (builtIn.startsWith("Subject: ") && (!text.startsWith("Subject: ") || !text.contains("\n\n"))) {
                    problems.add(file + ": must start with a 'Subject: ...' line, then a blank line, then the body.");
                }
                templates.get(language).put(name, text);
            }
        }
    }

    private void overrideFragments(Language language, Path file, String text, List<String> problems) throws IOException {
        Properties given = new Properties();
        given.load(new java.io.StringReader(text));
        Properties builtIn = fragments.get(language);
        for (String key : new java.util.TreeSet<>(given.stringPropertyNames())) {
            if (!builtIn.containsKey(key)) {
                problems.add(file + ": '" + key + "' is not a fragment of the built-in " + language.code()
                        + "/fragments.properties.");
                continue;
            }
            Set<String> used = placeholders(given.getProperty(key));
            Set<String> allowed = placeholders(builtIn.getProperty(key));
            used.removeAll(allowed);
            if (!used.isEmpty()) {
                problems.add(file + ": '" + key + "' uses " + braces(used) + ", which it is not given"
                        + (allowed.isEmpty() ? " (it takes none)." : "; it may use " + braces(allowed) + "."));
            }
        }
        given.stringPropertyNames().stream().filter(builtIn::containsKey)
                .forEach(key -> builtIn.setProperty(key, given.getProperty(key)));
    }

    /** The placeholders of a text, in order of first use. */
    static Set<String> placeholders(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String braces(Set<String> names) {
        return String.join(", ", names.stream().map(n -> "{" + n + "}").toList());
    }

    /** Subject and body of template {@code name} in {@code language}, placeholders filled. */
    public Template render(Language language, String name, Map<String, String> values) {
        String filled = block(language, name, values);
        int split = filled.indexOf("\n\n");
        String subjectLine = filled.substring(0, split);
        if (!subjectLine.startsWith("Subject: ")) {
            throw new IllegalStateException("template " + language.code() + "/" + name + " must start with 'Subject: '");
        }
        return new Template(subjectLine.substring("Subject: ".length()).strip(), filled.substring(split + 2));
    }

    /** A template without subject line (a block inserted into another), placeholders filled. */
    public String block(Language language, String name, Map<String, String> values) {
        String raw = templates.get(language).computeIfAbsent(name, n -> load(language, n));
        if (values.containsKey("signature") || !raw.contains("{signature}")) {
            return fill(raw, values);
        }
        Map<String, String> signed = new java.util.HashMap<>(values);
        signed.put("signature", fragment(language, "signature", Map.of()));
        return fill(raw, signed);
    }

    /** A short piece of text (severity names, reasons...), placeholders filled; empty when not defined. */
    public String fragment(Language language, String key, Map<String, String> values) {
        String raw = fragments.get(language).getProperty(key);
        if (raw == null) {
            return "";
        }
        return fill(raw, values);
    }

    public boolean hasFragment(Language language, String key) {
        return fragments.get(language).containsKey(key);
    }

    /** A rendered template. */
    public record Template(String subject, String body) {
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String load(Language language, String name) {
        String path = ROOT + language.code() + "/" + name + ".txt";
        try (InputStream in = MailTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing mail template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties loadFragments(Language language) {
        String path = ROOT + language.code() + "/fragments.properties";
        Properties properties = new Properties();
        try (InputStream in = MailTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing mail fragments " + path);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}

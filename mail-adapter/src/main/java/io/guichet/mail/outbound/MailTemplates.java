package io.guichet.mail.outbound;

import io.guichet.core.account.Language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail templates, French and English, read once from resources ({@code io/guichet/mail/templates/<lang>/}).
 * A template's first line is {@code Subject: ...}, then a blank line, then the body. Placeholders are
 * {@code {name}}; a placeholder with no value is left empty. Safe to share between threads (the intake, the
 * deadline sweep and the staff console render at once).
 */
public final class MailTemplates {

    private static final String ROOT = "/io/guichet/mail/templates/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9_.]+)}");

    private final Map<Language, Map<String, String>> templates = new EnumMap<>(Language.class);
    private final Map<Language, Properties> fragments = new EnumMap<>(Language.class);

    public MailTemplates() {
        for (Language language : Language.values()) {
            templates.put(language, new ConcurrentHashMap<>());
            fragments.put(language, loadFragments(language));
        }
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
        return fill(raw, values);
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

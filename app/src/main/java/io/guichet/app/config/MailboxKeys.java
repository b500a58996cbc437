package io.guichet.app.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of one of several support mailboxes: {@code GUICHET_MAILBOX_<NAME>_<SETTING>}, where NAME is letters
 * and digits (no underscore) and SETTING one of {@link #SETTINGS}. A setting a mailbox does not give is the plain
 * {@code GUICHET_*} one; {@code LANGUAGE} has no plain setting (without it, a mail's language is guessed, English
 * when it cannot be told).
 */
public final class MailboxKeys {

    public static final String PREFIX = "GUICHET_MAILBOX_";
    /** The setting a mailbox gives itself its default language with. */
    public static final String LANGUAGE = "LANGUAGE";
    private static final Pattern KEY = Pattern.compile("GUICHET_MAILBOX_([A-Z0-9]+)_([A-Z0-9_]+)");

    /** Each per-mailbox SETTING and the plain setting it falls back to (none for {@link #LANGUAGE}). */
    public static final Map<String, Optional<Setting>> SETTINGS;

    static {
        Map<String, Optional<Setting>> settings = new LinkedHashMap<>();
        settings.put("FROM", Optional.of(Setting.SUPPORT_ADDRESS));
        settings.put("FROM_NAME", Optional.of(Setting.SUPPORT_NAME));
        settings.put(LANGUAGE, Optional.empty());
        for (Setting s : Setting.values()) {
            String name = s.key().substring("GUICHET_".length());
            if (name.startsWith("IMAP_") || name.startsWith("SMTP_") || s == Setting.MESSAGE_ID_DOMAIN
                    || s == Setting.MAIL_MAX_BYTES || s == Setting.MAIL_FILE_SENT_COPY
                    || s == Setting.MAIL_MAX_ATTEMPTS) {
                settings.put(name, Optional.of(s));
            }
        }
        SETTINGS = java.util.Collections.unmodifiableMap(settings);
    }

    private MailboxKeys() {
    }

    /** A key of one mailbox: its NAME and SETTING, both as written. */
    public record Key(String mailbox, String setting) {
        public String key() {
            return PREFIX + mailbox + "_" + setting;
        }
    }

    /** {@code key} as a mailbox's setting, when it is one ({@link #problem} says why not). */
    public static Optional<Key> parse(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches() || !SETTINGS.containsKey(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new Key(m.group(1), m.group(2)));
    }

    /** Why {@code key}, which starts with {@link #PREFIX}, is not a mailbox's setting; empty when it is one. */
    public static Optional<String> problem(String key) {
        if (parse(key).isPresent()) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            return Optional.of(key + " is not a Guichet setting: a mailbox's setting is GUICHET_MAILBOX_<NAME>_<SETTING>,"
                    + " NAME in capital letters and digits, e.g. GUICHET_MAILBOX_FR_IMAP_USER (docs/mail.md).");
        }
        String given = m.group(2).toUpperCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String s : SETTINGS.keySet()) {
            int d = EditDistance.between(given, s);
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        int allowed = Math.min(3, Math.max(1, given.length() / 3));
        String prefix = PREFIX + m.group(1) + "_";
        return Optional.of(key + " is not a Guichet setting" + (bestDistance <= allowed
                ? "; did you mean " + prefix + best + "?"
                : ": a mailbox's settings are " + String.join(", ", SETTINGS.keySet()) + " (after " + prefix + ")."));
    }

    /** Whether the mailbox setting {@code key} holds a secret that must never be printed. */
    public static boolean secret(String key) {
        return key.endsWith("PASSWORD") || key.endsWith("TOKEN") || key.endsWith("SECRET");
    }
}

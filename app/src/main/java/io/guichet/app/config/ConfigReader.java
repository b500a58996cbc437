package io.guichet.app.config;

import io.guichet.mail.TransportSecurity;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.calendar.BusinessCalendar;
import io.guichet.core.calendar.Holidays;
import io.guichet.core.calendar.Parsed;
import io.guichet.core.calendar.WeeklySchedule;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.policy.PolicySettings;
import io.guichet.discord.DiscordSettings;
import io.guichet.mail.outbound.SubjectTag;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates the configuration: every bad value gets one message naming the setting, what was given and
 * what is accepted; all of them are reported at once. Unknown {@code GUICHET_*} keys are refused too (a typo must
 * not silently fall back to a default).
 */
public final class ConfigReader {

    /** What reading gave: a configuration, or every problem found. */
    public sealed interface Result {
        record Valid(GuichetConfig config) implements Result {
        }

        record Invalid(List<String> problems) implements Result {
        }
    }

    private static final Set<String> IGNORED_PREFIXES = Set.of("GUICHET_TEST_");

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    private ConfigReader(Map<String, String> values) {
        this.values = values;
    }

    /** Reads {@code values} (environment and file merged, keys as in {@link Setting}). */
    public static Result read(Map<String, String> values) {
        return new ConfigReader(values).read();
    }

    private Result read() {
        rejectUnknownKeys();
        GuichetConfig.DatabaseConfig database = new GuichetConfig.DatabaseConfig(optional(Setting.DB_URL),
                value(Setting.DB_USER), value(Setting.DB_PASSWORD), integer(Setting.DB_POOL_SIZE, 2, 200),
                path(Setting.DATA_DIR));
        Optional<GuichetConfig.MailboxConfig> mailbox = optional(Setting.IMAP_HOST).map(host ->
                new GuichetConfig.MailboxConfig(host, integer(Setting.IMAP_PORT, 1, 65535), security(Setting.IMAP_SECURITY),
                        value(Setting.IMAP_USER), value(Setting.IMAP_PASSWORD), nonBlank(Setting.IMAP_FOLDER),
                        optional(Setting.IMAP_PROCESSED_FOLDER), nonBlank(Setting.IMAP_QUARANTINE_FOLDER),
                        positiveDuration(Setting.IMAP_POLL_INTERVAL), integer(Setting.MAIL_MAX_BYTES, 1024, Integer.MAX_VALUE),
                        integer(Setting.IMAP_WORKERS, 1, 32), integer(Setting.MAIL_MAX_ATTEMPTS, 1, 100)));
        Optional<GuichetConfig.SmtpConfig> smtp = optional(Setting.SMTP_HOST).map(host ->
                new GuichetConfig.SmtpConfig(host, integer(Setting.SMTP_PORT, 1, 65535), security(Setting.SMTP_SECURITY),
                        optional(Setting.SMTP_USER), value(Setting.SMTP_PASSWORD)));
        Optional<GuichetConfig.MailConfig> mail = optional(Setting.SUPPORT_ADDRESS).flatMap(this::address).map(address ->
                new GuichetConfig.MailConfig(address, value(Setting.SUPPORT_NAME),
                        optional(Setting.MESSAGE_ID_DOMAIN).orElse(address.domain()), subjectTag(),
                        optional(Setting.TRUSTED_AUTHSERV_ID), integer(Setting.AUTO_REPLY_CAP, 1, 10_000)));
        Optional<Integer> httpPort = value(Setting.HTTP_PORT).equalsIgnoreCase("off") ? Optional.empty()
                : Optional.of(integer(Setting.HTTP_PORT, 0, 65535));
        PolicySettings policy = policy();
        String cron = value(Setting.CALENDAR_CRON);
        if (!org.quartz.CronExpression.isValidExpression(cron)) {
            problems.add(Setting.CALENDAR_CRON.key() + ": '" + cron + "' is not a Quartz cron expression such as"
                    + " '0 0 6 * * ?' (seconds minutes hours day-of-month month day-of-week).");
        }
        ServiceHours hours = hours();
        DiscordSettings discord = new DiscordSettings(optional(Setting.DISCORD_TOKEN),
                value(Setting.DISCORD_GUILD_ID), value(Setting.DISCORD_STAFF_CHANNEL_ID),
                value(Setting.DISCORD_TECHNICIAN_ROLE_ID), value(Setting.DISCORD_MANAGER_ROLE_ID));
        if (discord.token().isPresent()) {
            for (Setting s : List.of(Setting.DISCORD_GUILD_ID, Setting.DISCORD_TECHNICIAN_ROLE_ID,
                    Setting.DISCORD_MANAGER_ROLE_ID)) {
                if (value(s).isBlank()) {
                    problems.add(s.key() + " is required when GUICHET_DISCORD_TOKEN is set.");
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Result.Invalid(List.copyOf(problems));
        }
        return new Result.Valid(new GuichetConfig(database, mailbox, smtp, mail, policy, hours, cron, httpPort, discord));
    }

    /** The checks {@code run} adds: it needs a mailbox, an SMTP server and a support address. */
    public static List<String> requireMailChannel(GuichetConfig config) {
        List<String> missing = new ArrayList<>();
        if (config.mailbox().isEmpty()) {
            missing.add(Setting.IMAP_HOST.key() + " is missing: name the IMAP server of the support mailbox.");
        }
        if (config.smtp().isEmpty()) {
            missing.add(Setting.SMTP_HOST.key() + " is missing: name the SMTP server answers go through.");
        }
        if (config.mail().isEmpty()) {
            missing.add(Setting.SUPPORT_ADDRESS.key() + " is missing: give the support address, e.g. support@example.com.");
        }
        return missing;
    }

    private void rejectUnknownKeys() {
        Set<String> known = Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toSet());
        values.keySet().stream()
                .filter(k -> k.startsWith("GUICHET_") && !known.contains(k))
                .filter(k -> IGNORED_PREFIXES.stream().noneMatch(k::startsWith))
                .sorted()
                .forEach(k -> problems.add(k + " is not a Guichet setting (see the configuration table in the README)."));
    }

    private PolicySettings policy() {
        PolicySettings defaults = PolicySettings.defaults();
        List<Duration> reminders = durations(Setting.REMINDERS, -1).orElse(defaults.reminderOffsets());
        Duration autoResolve = positiveDuration(Setting.AUTO_RESOLVE_AFTER);
        Duration reopen = positiveDuration(Setting.REOPEN_WINDOW);
        List<Duration> first = durations(Setting.FIRST_RESPONSE_TARGETS, 4).orElse(null);
        List<Duration> update = durations(Setting.UPDATE_TARGETS, 4).orElse(null);
        Duration s1 = positiveDuration(Setting.SEVERITY_ONE_ANSWER_TIMEOUT);
        List<String> modules = list(Setting.MODULES);
        List<String> keywords = list(Setting.ESCALATION_KEYWORDS);
        Period certificationReminder = period(Setting.CERTIFICATION_REMINDER, defaults.certificationReminder());
        Period previousVersion = period(Setting.PREVIOUS_VERSION_SUPPORT, defaults.previousVersionSupport());
        Period sunset = period(Setting.SUNSET_NOTICE, defaults.sunsetNotice());
        if (first == null || update == null || autoResolve == null || reopen == null || s1 == null) {
            return defaults;
        }
        try {
            return new PolicySettings(reminders, autoResolve, reopen,
                    PolicySettings.perSeverity(first.get(0), first.get(1), first.get(2), first.get(3)),
                    PolicySettings.perSeverity(update.get(0), update.get(1), update.get(2), update.get(3)),
                    s1, defaults.certificationValidity(), certificationReminder, previousVersion, sunset, modules, keywords);
        } catch (IllegalArgumentException e) {
            problems.add(Setting.REMINDERS.key() + " and " + Setting.AUTO_RESOLVE_AFTER.key() + " disagree: "
                    + e.getMessage() + ".");
            return defaults;
        }
    }

    private ServiceHours hours() {
        ZoneId zone;
        try {
            zone = ZoneId.of(value(Setting.TIMEZONE));
        } catch (DateTimeException e) {
            problems.add(Setting.TIMEZONE.key() + ": '" + value(Setting.TIMEZONE)
                    + "' is not a time zone; use a region id such as Europe/Paris or America/New_York.");
            zone = ZoneId.of("UTC");
        }
        WeeklySchedule schedule = switch (WeeklySchedule.parse(value(Setting.BUSINESS_HOURS))) {
            case Parsed.Ok<WeeklySchedule> ok -> ok.value();
            case Parsed.Invalid<WeeklySchedule> invalid -> {
                problems.add(Setting.BUSINESS_HOURS.key() + ": " + invalid.message());
                yield WeeklySchedule.parse("MON-FRI 09:00-18:00").orElseThrow();
            }
        };
        Set<LocalDate> holidays = switch (Holidays.parse(value(Setting.HOLIDAYS))) {
            case Parsed.Ok<Set<LocalDate>> ok -> ok.value();
            case Parsed.Invalid<Set<LocalDate>> invalid -> {
                problems.add(Setting.HOLIDAYS.key() + ": " + invalid.message());
                yield Set.of();
            }
        };
        return new ServiceHours(BusinessCalendar.of(zone, schedule, holidays), new AlwaysOpen());
    }

    private String subjectTag() {
        String format = value(Setting.SUBJECT_TAG);
        try {
            new SubjectTag(format);
        } catch (IllegalArgumentException e) {
            problems.add(Setting.SUBJECT_TAG.key() + ": '" + format + "': " + e.getMessage() + ".");
        }
        return format;
    }

    private Optional<EmailAddress> address(String text) {
        Optional<EmailAddress> address = EmailAddress.parse(text);
        if (address.isEmpty()) {
            problems.add(Setting.SUPPORT_ADDRESS.key() + ": '" + text + "' is not an e-mail address.");
        }
        return address;
    }

    /** The setting's value, stripped, or its default. */
    private String value(Setting setting) {
        String value = values.get(setting.key());
        return value == null ? setting.defaultValue().orElse("") : value.strip();
    }

    private Optional<String> optional(Setting setting) {
        String value = value(setting);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private String nonBlank(Setting setting) {
        String value = value(setting);
        if (value.isBlank()) {
            problems.add(setting.key() + " must not be empty.");
        }
        return value;
    }

    private int integer(Setting setting, int min, int max) {
        String value = value(setting);
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(setting.key() + ": '" + value + "' is not a whole number between " + min + " and " + max + ".");
        return min;
    }

    private Path path(Setting setting) {
        try {
            return Path.of(value(setting));
        } catch (InvalidPathException e) {
            problems.add(setting.key() + ": '" + value(setting) + "' is not a usable path.");
            return Path.of(".guichet");
        }
    }

    private TransportSecurity security(Setting setting) {
        String value = value(setting);
        try {
            return TransportSecurity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(setting.key() + ": '" + value + "' is not one of tls, starttls, none.");
            return TransportSecurity.TLS;
        }
    }

    private Duration positiveDuration(Setting setting) {
        return duration(setting.key(), value(setting)).orElse(null);
    }

    private Optional<Duration> duration(String key, String value) {
        try {
            Duration d = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (!d.isNegative() && !d.isZero()) {
                return Optional.of(d);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(key + ": '" + value + "' is not a positive ISO-8601 duration such as PT30S, PT4H or P7D.");
        return Optional.empty();
    }

    private Period period(Setting setting, Period fallback) {
        String value = value(setting);
        try {
            Period p = Period.parse(value.toUpperCase(Locale.ROOT));
            if (!p.isNegative() && !p.isZero()) {
                return p;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(setting.key() + ": '" + value + "' is not a positive ISO-8601 period such as P30D, P6M or P1Y.");
        return fallback;
    }

    /** A comma-separated list of durations; {@code count} > 0 demands exactly that many. */
    private Optional<List<Duration>> durations(Setting setting, int count) {
        List<String> items = list(setting);
        if (count > 0 && items.size() != count) {
            problems.add(setting.key() + ": '" + value(setting) + "' must list " + count
                    + " durations, one per severity 1 to 4, e.g. " + setting.defaultValue().orElse("") + ".");
            return Optional.empty();
        }
        List<Duration> parsed = new ArrayList<>();
        for (String item : items) {
            Optional<Duration> d = duration(setting.key(), item);
            if (d.isEmpty()) {
                return Optional.empty();
            }
            parsed.add(d.get());
        }
        return Optional.of(parsed);
    }

    private List<String> list(Setting setting) {
        return Arrays.stream(value(setting).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Settings by key with their defaults, for display (secrets masked). */
    public static Map<Setting, String> effective(Map<String, String> values) {
        Map<Setting, String> shown = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String v = values.getOrDefault(s.key(), s.defaultValue().orElse(""));
            shown.put(s, s.secret() && !v.isEmpty() ? "********" : v);
        }
        return shown;
    }
}

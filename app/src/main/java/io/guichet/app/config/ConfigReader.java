package io.guichet.app.config;

import io.guichet.app.config.GuichetConfig.AuthMethod;
import io.guichet.mail.TlsTrust;
import io.guichet.mail.TransportSecurity;
import io.guichet.mail.outbound.MailTemplates;
import io.guichet.mail.oauth.OAuthGrant;
import io.guichet.mail.oauth.Secret;
import io.guichet.mail.oauth.ServiceAccountKey;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.calendar.BusinessCalendar;
import io.guichet.core.calendar.Holidays;
import io.guichet.core.calendar.Parsed;
import io.guichet.core.calendar.WeeklySchedule;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.policy.PolicySettings;
import io.guichet.discord.DiscordSettings;
import io.guichet.mail.headers.SubjectTag;
import io.guichet.app.logging.LogSetup;
import ch.qos.logback.classic.Level;

import java.net.InetAddress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        return new ConfigReader(values).read(false);
    }

    /**
     * Reads {@code values} for a command that runs the mail channel ({@code run}): the IMAP server, the SMTP server
     * and the support address are required too, and their absence is reported with every other problem at once.
     */
    public static Result readForRun(Map<String, String> values) {
        return new ConfigReader(values).read(true);
    }

    /**
     * Every setting is checked on its own, whatever else is wrong or missing, so that one run lists every mistake;
     * the parts are assembled only when all of them are valid.
     */
    private Result read(boolean requireMail) {
        rejectUnknownKeys();
        Optional<String> dbUrl = optional(Setting.DB_URL);
        dbUrl.flatMap(url -> JdbcUrl.problem(Setting.DB_URL.key(), url)).ifPresent(problems::add);
        GuichetConfig.DatabaseConfig database = new GuichetConfig.DatabaseConfig(dbUrl,
                value(Setting.DB_USER), value(Setting.DB_PASSWORD), integer(Setting.DB_POOL_SIZE, 2, 200),
                dataDirectory());

        List<String> named = mailboxNames();
        MailParts plain = mailParts(requireMail && named.isEmpty());
        List<GuichetConfig.MailboxSetup> mailboxes = named.isEmpty()
                ? plain.mail().map(m -> List.of(new GuichetConfig.MailboxSetup("", plain.mailbox(), plain.smtp(), m,
                        Optional.<io.guichet.core.account.Language>empty()))).orElse(List.of())
                : namedMailboxes(named, requireMail);
        boolean oauthWanted = plain.oauth() || named.stream().anyMatch(n -> oauthNamed(n));
        GuichetConfig.MailAccessConfig mailAccess = new GuichetConfig.MailAccessConfig(trust(), oauth(oauthWanted));
        Optional<GuichetConfig.MailboxConfig> mailbox = named.isEmpty() ? plain.mailbox()
                : mailboxes.stream().findFirst().flatMap(GuichetConfig.MailboxSetup::imap);
        Optional<GuichetConfig.SmtpConfig> smtp = named.isEmpty() ? plain.smtp()
                : mailboxes.stream().findFirst().flatMap(GuichetConfig.MailboxSetup::smtp);
        Optional<GuichetConfig.MailConfig> mail = named.isEmpty() ? plain.mail()
                : mailboxes.stream().findFirst().map(GuichetConfig.MailboxSetup::mail);

        Optional<Integer> httpPort = value(Setting.HTTP_PORT).equalsIgnoreCase("off") ? Optional.empty()
                : Optional.of(integer(Setting.HTTP_PORT, 0, 65535));
        Optional<GuichetConfig.WebConfig> web = web();
        GuichetConfig.Operations operations = new GuichetConfig.Operations(bindAddress(),
                parsed(Setting.LOG_FORMAT, LogSetup.Format::parse, "text or json", LogSetup.Format.TEXT),
                parsed(Setting.LOG_LEVEL, LogSetup::parseLevel, "trace, debug, info, warn or error", Level.INFO));
        PolicySettings policy = policy();
        String cron = value(Setting.CALENDAR_CRON);
        if (!org.quartz.CronExpression.isValidExpression(cron)) {
            problems.add(Setting.CALENDAR_CRON.key() + ": '" + cron + "' is not a Quartz cron expression such as"
                    + " '0 0 6 * * ?' (seconds minutes hours day-of-month month day-of-week).");
        }
        ServiceHours hours = hours();
        DiscordSettings discord = new DiscordSettings(optional(Setting.DISCORD_TOKEN),
                value(Setting.DISCORD_GUILD_ID), value(Setting.DISCORD_STAFF_CHANNEL_ID),
                value(Setting.DISCORD_TECHNICIAN_ROLE_ID), value(Setting.DISCORD_MANAGER_ROLE_ID),
                url(Setting.DISCORD_API_URL, Set.of("http", "https"), "https://discord.com/api/v10/"),
                url(Setting.DISCORD_GATEWAY_URL, Set.of("ws", "wss"), "wss://gateway.discord.gg"),
                optional(Setting.DISCORD_THREAD_CHANNEL_ID), snowflake(Setting.DISCORD_LOG_CHANNEL_ID));
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
        return new Result.Valid(new GuichetConfig(database, mailbox, smtp, mail, mailAccess, policy, hours, cron, httpPort,
                discord, operations, mailboxes, web));
    }

    /** The mailbox, SMTP server and address the plain settings (or one mailbox's, see {@link #namedMailboxes}) give. */
    private record MailParts(Optional<GuichetConfig.MailboxConfig> mailbox, Optional<GuichetConfig.SmtpConfig> smtp,
                             Optional<GuichetConfig.MailConfig> mail, boolean oauth) {
    }

    private MailParts mailParts(boolean requireMail) {
        AuthMethod imapAuth = login(Setting.IMAP_AUTH, Setting.IMAP_USER, Setting.IMAP_PASSWORD);
        AuthMethod smtpAuth = login(Setting.SMTP_AUTH, Setting.SMTP_USER, Setting.SMTP_PASSWORD);
        int imapPort = integer(Setting.IMAP_PORT, 1, 65535);
        TransportSecurity imapSecurity = security(Setting.IMAP_SECURITY);
        String folder = nonBlank(Setting.IMAP_FOLDER);
        String quarantine = nonBlank(Setting.IMAP_QUARANTINE_FOLDER);
        Duration pollInterval = positiveDuration(Setting.IMAP_POLL_INTERVAL);
        int maxBytes = integer(Setting.MAIL_MAX_BYTES, 1024, Integer.MAX_VALUE);
        int workers = integer(Setting.IMAP_WORKERS, 1, 32);
        int maxAttempts = integer(Setting.MAIL_MAX_ATTEMPTS, 1, 100);
        Optional<String> sentFolder = sentFolder(folder);
        boolean fileSentCopy = parsed(Setting.MAIL_FILE_SENT_COPY, ConfigReader::trueOrFalse, "true or false", false);
        if (fileSentCopy && sentFolder.isEmpty()) {
            problems.add(Setting.MAIL_FILE_SENT_COPY.key() + "=true needs " + Setting.IMAP_SENT_FOLDER.key()
                    + ": the folder the copies are filed in.");
        }
        Optional<GuichetConfig.MailboxConfig> mailbox = optional(Setting.IMAP_HOST).map(host ->
                new GuichetConfig.MailboxConfig(host, imapPort, imapSecurity, value(Setting.IMAP_USER),
                        value(Setting.IMAP_PASSWORD), folder, optional(Setting.IMAP_PROCESSED_FOLDER), quarantine,
                        pollInterval, maxBytes, workers, imapAuth, maxAttempts, sentFolder, fileSentCopy));

        int smtpPort = integer(Setting.SMTP_PORT, 1, 65535);
        TransportSecurity smtpSecurity = security(Setting.SMTP_SECURITY);
        Duration retryWindow = positiveDuration(Setting.OUTBOX_RETRY_WINDOW);
        Optional<GuichetConfig.SmtpConfig> smtp = optional(Setting.SMTP_HOST).map(host ->
                new GuichetConfig.SmtpConfig(host, smtpPort, smtpSecurity, optional(Setting.SMTP_USER),
                        value(Setting.SMTP_PASSWORD), smtpAuth, retryWindow));

        String tag = subjectTag();
        int cap = integer(Setting.AUTO_REPLY_CAP, 1, 10_000);
        MailTemplates templates = templates();
        Optional<EmailAddress> supportAddress = optional(Setting.SUPPORT_ADDRESS).flatMap(this::address);
        Optional<GuichetConfig.MailConfig> mail = supportAddress.map(address ->
                new GuichetConfig.MailConfig(address, value(Setting.SUPPORT_NAME),
                        optional(Setting.MESSAGE_ID_DOMAIN).orElse(address.domain()), tag,
                        optional(Setting.TRUSTED_AUTHSERV_ID), cap, templates));
        if (requireMail) {
            requireMailSettings();
        }
        return new MailParts(mailbox, smtp, mail, imapAuth == AuthMethod.OAUTH2 || smtpAuth == AuthMethod.OAUTH2);
    }

    /** The NAMEs of the GUICHET_MAILBOX_NAME_* settings given, in alphabetical order; the others are refused. */
    private List<String> mailboxNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        values.keySet().stream().filter(k -> k.startsWith(MailboxKeys.PREFIX)).sorted().forEach(k -> {
            Optional<MailboxKeys.Key> key = MailboxKeys.parse(k);
            if (key.isPresent()) {
                names.add(key.get().mailbox());
            } else {
                MailboxKeys.problem(k).ifPresent(problems::add);
            }
        });
        return List.copyOf(names);
    }

    /** The values as mailbox {@code name} sees them: its own settings in place of the plain ones. */
    private Map<String, String> valuesOf(String name) {
        Map<String, String> own = new java.util.HashMap<>();
        values.forEach((k, v) -> {
            if (!k.startsWith(MailboxKeys.PREFIX)) {
                own.put(k, v);
            }
        });
        overrides(name).forEach((setting, key) -> own.put(setting.key(), values.get(key)));
        return own;
    }

    /** The plain settings mailbox {@code name} gives itself, with the key it gives each with. */
    private Map<Setting, String> overrides(String name) {
        Map<Setting, String> given = new java.util.LinkedHashMap<>();
        values.keySet().stream().sorted().forEach(k -> MailboxKeys.parse(k).filter(key -> key.mailbox().equals(name))
                .ifPresent(key -> MailboxKeys.SETTINGS.get(key.setting()).ifPresent(plain -> given.put(plain, k))));
        return given;
    }

    private boolean oauthNamed(String name) {
        Map<String, String> own = valuesOf(name);
        return List.of(Setting.IMAP_AUTH, Setting.SMTP_AUTH).stream()
                .anyMatch(s -> own.getOrDefault(s.key(), "").strip().equalsIgnoreCase("oauth2"));
    }

    /**
     * Each named mailbox, read like the plain settings with its own in their place: a problem of its own settings
     * names its keys, one of a plain setting it falls back to says which mailbox met it.
     */
    private List<GuichetConfig.MailboxSetup> namedMailboxes(List<String> names, boolean requireMail) {
        List<GuichetConfig.MailboxSetup> setups = new ArrayList<>();
        for (String name : names) {
            ConfigReader own = new ConfigReader(valuesOf(name));
            MailParts parts = own.mailParts(requireMail);
            Map<Setting, String> overrides = overrides(name);
            for (String problem : own.problems) {
                if (problems.contains(problem)) {
                    continue;
                }
                String renamed = problem;
                for (Map.Entry<Setting, String> o : overrides.entrySet()) {
                    renamed = renamed.replaceAll("\\b" + o.getKey().key() + "\\b", o.getValue());
                }
                if (!renamed.contains(MailboxKeys.PREFIX + name + "_")) {
                    renamed = "mailbox " + name + ": " + renamed;
                }
                if (!problems.contains(renamed)) {
                    problems.add(renamed);
                }
            }
            String languageKey = MailboxKeys.PREFIX + name + "_" + MailboxKeys.LANGUAGE;
            Optional<io.guichet.core.account.Language> language = Optional.ofNullable(values.get(languageKey))
                    .filter(v -> !v.isBlank()).flatMap(v -> {
                        Optional<io.guichet.core.account.Language> parsed = io.guichet.core.account.Language.parse(v);
                        if (parsed.isEmpty()) {
                            problems.add(languageKey + ": '" + v.strip() + "' is not one of en, fr.");
                        }
                        return parsed;
                    });
            if (parts.mail().isEmpty() && !own.problems.stream().anyMatch(p -> p.startsWith(Setting.SUPPORT_ADDRESS.key()))) {
                problems.add(MailboxKeys.PREFIX + name + "_FROM is missing: give the address mailbox " + name
                        + " answers from, e.g. support-" + name.toLowerCase(Locale.ROOT) + "@example.com.");
            }
            parts.mail().ifPresent(mail -> setups.add(new GuichetConfig.MailboxSetup(name, parts.mailbox(),
                    parts.smtp(), mail, language)));
        }
        for (int i = 0; i < setups.size(); i++) {
            for (int j = i + 1; j < setups.size(); j++) {
                GuichetConfig.MailboxSetup a = setups.get(i);
                GuichetConfig.MailboxSetup b = setups.get(j);
                if (a.mail().supportAddress().equals(b.mail().supportAddress())) {
                    problems.add("mailboxes " + a.name() + " and " + b.name() + " both answer from "
                            + a.mail().supportAddress() + ": each mailbox needs its own address (_FROM).");
                }
                if (a.imap().isPresent() && b.imap().isPresent() && a.imap().get().host().equalsIgnoreCase(b.imap().get().host())
                        && a.imap().get().user().equals(b.imap().get().user())
                        && a.imap().get().folder().equals(b.imap().get().folder())) {
                    problems.add("mailboxes " + a.name() + " and " + b.name() + " both read " + a.imap().get().folder()
                            + " of " + a.imap().get().user() + "@" + a.imap().get().host()
                            + ": give each its own _IMAP_USER (or _IMAP_HOST, _IMAP_FOLDER).");
                }
            }
        }
        return setups;
    }

    /** The checks {@code run} adds: it needs a mailbox, an SMTP server and a support address. */
    public static List<String> requireMailChannel(GuichetConfig config) {
        List<String> missing = new ArrayList<>();
        if (config.mailboxes().stream().anyMatch(m -> !m.name().isEmpty())) {
            for (GuichetConfig.MailboxSetup m : config.mailboxes()) {
                String prefix = MailboxKeys.PREFIX + m.name() + "_";
                if (m.imap().isEmpty()) {
                    missing.add("mailbox " + m.name() + ": " + prefix + "IMAP_HOST (or " + Setting.IMAP_HOST.key()
                            + ") is missing: name the IMAP server of the mailbox.");
                }
                if (m.smtp().isEmpty()) {
                    missing.add("mailbox " + m.name() + ": " + prefix + "SMTP_HOST (or " + Setting.SMTP_HOST.key()
                            + ") is missing: name the SMTP server its answers go through.");
                }
            }
            return missing;
        }
        if (config.mailbox().isEmpty()) {
            missing.add(MISSING_IMAP);
        }
        if (config.smtp().isEmpty()) {
            missing.add(MISSING_SMTP);
        }
        if (config.mail().isEmpty()) {
            missing.add(MISSING_ADDRESS);
        }
        return missing;
    }

    /** The login method of IMAP or SMTP; with oauth2 the user is required and a password would be misleading. */
    private AuthMethod login(Setting auth, Setting user, Setting password) {
        String value = value(auth);
        AuthMethod method;
        switch (value.toLowerCase(Locale.ROOT)) {
            case "password" -> method = AuthMethod.PASSWORD;
            case "oauth2" -> method = AuthMethod.OAUTH2;
            default -> {
                problems.add(auth.key() + ": '" + value + "' is not one of password, oauth2.");
                return AuthMethod.PASSWORD;
            }
        }
        if (method == AuthMethod.OAUTH2) {
            if (value(user).isBlank()) {
                problems.add(user.key() + " is required with " + auth.key() + "=oauth2: the mailbox's address, e.g."
                        + " support@example.com.");
            }
            if (!value(password).isBlank()) {
                problems.add(password.key() + " is not used with " + auth.key() + "=oauth2; remove it.");
            }
        }
        return method;
    }

    private TlsTrust trust() {
        Optional<String> file = optional(Setting.MAIL_CA_FILE);
        if (file.isEmpty()) {
            return TlsTrust.system();
        }
        return switch (TlsTrust.withPemFile(Path.of(file.get()))) {
            case TlsTrust.Loaded.Ready ready -> ready.trust();
            case TlsTrust.Loaded.Invalid invalid -> {
                problems.add(Setting.MAIL_CA_FILE.key() + ": " + invalid.problem());
                yield TlsTrust.system();
            }
        };
    }

    private static final List<Setting> OAUTH_SETTINGS = List.of(Setting.OAUTH_PROVIDER, Setting.OAUTH_TENANT,
            Setting.OAUTH_CLIENT_ID, Setting.OAUTH_CLIENT_SECRET, Setting.OAUTH_CLIENT_SECRET_FILE,
            Setting.OAUTH_REFRESH_TOKEN, Setting.OAUTH_REFRESH_TOKEN_FILE, Setting.OAUTH_SERVICE_ACCOUNT_FILE,
            Setting.OAUTH_SCOPE, Setting.OAUTH_TOKEN_URL);

    /** Where OAuth2 tokens come from, when IMAP or SMTP logs in with OAuth2; every setting given must be used. */
    private Optional<OAuthGrant> oauth(boolean wanted) {
        if (!wanted) {
            OAUTH_SETTINGS.stream().filter(s -> !value(s).isBlank()).forEach(s -> problems.add(s.key()
                    + " is set, but neither " + Setting.IMAP_AUTH.key() + " nor " + Setting.SMTP_AUTH.key()
                    + " is oauth2."));
            return Optional.empty();
        }
        String provider = value(Setting.OAUTH_PROVIDER).toLowerCase(Locale.ROOT);
        String with = " with " + Setting.OAUTH_PROVIDER.key() + "=" + provider;
        Optional<OAuthGrant> grant;
        List<Setting> used;
        switch (provider) {
            case "microsoft" -> {
                used = List.of(Setting.OAUTH_TENANT, Setting.OAUTH_CLIENT_ID, Setting.OAUTH_CLIENT_SECRET,
                        Setting.OAUTH_CLIENT_SECRET_FILE);
                String tenant = required(Setting.OAUTH_TENANT, with, "the Directory (tenant) ID of the app registration");
                boolean tenantValid = tenant.matches("[A-Za-z0-9.-]+");
                if (!tenant.isEmpty() && !tenantValid) {
                    problems.add(Setting.OAUTH_TENANT.key() + ": '" + tenant + "' is not a tenant ID (a GUID) or a"
                            + " domain such as contoso.onmicrosoft.com.");
                }
                String clientId = required(Setting.OAUTH_CLIENT_ID, with, "the Application (client) ID");
                Optional<Secret> secret = secret(Setting.OAUTH_CLIENT_SECRET, Setting.OAUTH_CLIENT_SECRET_FILE, with);
                Optional<URI> endpoint = tokenUrl().or(() -> tenantValid
                        ? Optional.of(OAuthGrant.microsoftTokenEndpoint(tenant)) : Optional.empty());
                grant = secret.flatMap(s -> endpoint.map(e -> new OAuthGrant.ClientCredentials(e, clientId, s,
                        optional(Setting.OAUTH_SCOPE).orElse(OAuthGrant.MICROSOFT_SCOPE))));
            }
            case "google" -> {
                used = List.of(Setting.OAUTH_CLIENT_ID, Setting.OAUTH_CLIENT_SECRET, Setting.OAUTH_CLIENT_SECRET_FILE,
                        Setting.OAUTH_REFRESH_TOKEN, Setting.OAUTH_REFRESH_TOKEN_FILE);
                String clientId = required(Setting.OAUTH_CLIENT_ID, with, "the OAuth client ID");
                Optional<Secret> secret = secret(Setting.OAUTH_CLIENT_SECRET, Setting.OAUTH_CLIENT_SECRET_FILE, with);
                Optional<Secret> refresh = secret(Setting.OAUTH_REFRESH_TOKEN, Setting.OAUTH_REFRESH_TOKEN_FILE, with);
                URI endpoint = tokenUrl().orElse(OAuthGrant.GOOGLE_TOKEN_ENDPOINT);
                grant = secret.flatMap(s -> refresh.map(r -> new OAuthGrant.RefreshToken(endpoint, clientId, s, r,
                        optional(Setting.OAUTH_SCOPE).orElse(OAuthGrant.GOOGLE_SCOPE))));
            }
            case "google-service-account" -> {
                used = List.of(Setting.OAUTH_SERVICE_ACCOUNT_FILE);
                String file = required(Setting.OAUTH_SERVICE_ACCOUNT_FILE, with,
                        "the path of the service account's JSON key file");
                grant = file.isEmpty() ? Optional.empty() : switch (ServiceAccountKey.read(Path.of(file))) {
                    case ServiceAccountKey.Read.Invalid invalid -> {
                        problems.add(Setting.OAUTH_SERVICE_ACCOUNT_FILE.key() + ": " + invalid.problem() + ".");
                        yield Optional.empty();
                    }
                    case ServiceAccountKey.Read.Key key -> {
                        URI endpoint = tokenUrl().or(() -> key.key().tokenUri()).orElse(OAuthGrant.GOOGLE_TOKEN_ENDPOINT);
                        yield Optional.of(new OAuthGrant.ServiceAccount(endpoint, Path.of(file),
                                optional(Setting.OAUTH_SCOPE).orElse(OAuthGrant.GOOGLE_SCOPE), Optional.empty()));
                    }
                };
            }
            default -> {
                problems.add(Setting.OAUTH_PROVIDER.key() + (provider.isEmpty() ? " is required when "
                        + Setting.IMAP_AUTH.key() + " or " + Setting.SMTP_AUTH.key() + " is oauth2:"
                        : ": '" + value(Setting.OAUTH_PROVIDER) + "' is not") + " one of microsoft, google,"
                        + " google-service-account.");
                return Optional.empty();
            }
        }
        OAUTH_SETTINGS.stream()
                .filter(s -> !used.contains(s) && s != Setting.OAUTH_PROVIDER && s != Setting.OAUTH_SCOPE
                        && s != Setting.OAUTH_TOKEN_URL)
                .filter(s -> !value(s).isBlank())
                .forEach(s -> problems.add(s.key() + " is not used" + with + "; remove it."));
        return grant;
    }

    private String required(Setting setting, String with, String what) {
        String value = value(setting);
        if (value.isBlank()) {
            problems.add(setting.key() + " is required" + with + ": " + what + ".");
        }
        return value;
    }

    /** A secret given inline or in a file: exactly one of the two, and the file readable and not empty. */
    private Optional<Secret> secret(Setting inline, Setting file, String with) {
        Optional<String> text = optional(inline);
        Optional<String> path = optional(file);
        if (text.isPresent() && path.isPresent()) {
            problems.add("Give " + inline.key() + " or " + file.key() + ", not both.");
            return Optional.empty();
        }
        if (text.isPresent()) {
            return Optional.of(Secret.of(text.get()));
        }
        if (path.isEmpty()) {
            problems.add(inline.key() + " (or " + file.key() + ") is required" + with + ".");
            return Optional.empty();
        }
        Secret secret = Secret.inFile(Path.of(path.get()));
        Optional<String> problem = secret.problem();
        problem.ifPresent(p -> problems.add(file.key() + ": " + p + "."));
        return problem.isPresent() ? Optional.empty() : Optional.of(secret);
    }

    /** The token endpoint override: https, or http to a loopback address (a local proxy, a test). */
    private Optional<URI> tokenUrl() {
        Optional<String> text = optional(Setting.OAUTH_TOKEN_URL);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            if (uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()) && loopback(uri.getHost()))) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(Setting.OAUTH_TOKEN_URL.key() + ": '" + text.get() + "' is not an https URL (http is accepted"
                + " for a loopback address only).");
        return Optional.empty();
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
            return false; // a name other than localhost would be resolved: not a loopback literal
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static final String MISSING_IMAP =
            Setting.IMAP_HOST.key() + " is missing: name the IMAP server of the support mailbox.";
    private static final String MISSING_SMTP =
            Setting.SMTP_HOST.key() + " is missing: name the SMTP server answers go through.";
    private static final String MISSING_ADDRESS =
            Setting.SUPPORT_ADDRESS.key() + " is missing: give the support address, e.g. support@example.com.";

    private void requireMailSettings() {
        if (optional(Setting.IMAP_HOST).isEmpty()) {
            problems.add(MISSING_IMAP);
        }
        if (optional(Setting.SMTP_HOST).isEmpty()) {
            problems.add(MISSING_SMTP);
        }
        if (optional(Setting.SUPPORT_ADDRESS).isEmpty()) {
            problems.add(MISSING_ADDRESS);
        }
    }

    private void rejectUnknownKeys() {
        values.keySet().stream()
                .filter(k -> k.startsWith("GUICHET_") && Setting.byKey(k).isEmpty())
                .filter(k -> !k.startsWith(MailboxKeys.PREFIX))
                .filter(k -> IGNORED_PREFIXES.stream().noneMatch(k::startsWith))
                .sorted()
                .forEach(k -> problems.add(unknownKey(k)));
    }

    /** "X is not a Guichet setting", with the setting it was probably meant to be. */
    public static String unknownKey(String key) {
        return key + " is not a Guichet setting" + Setting.nearest(key).map(s -> "; did you mean " + s.key() + "?")
                .orElse(" (see the configuration table in the README).");
    }

    /**
     * GUICHET_DATA_DIR, with a leading {@code ~} for the user's home. Its default is the user's data directory,
     * unless the launcher names another ({@code -Dguichet.dataDirDefault}: {@code ./guichet} in a checkout keeps
     * {@code .guichet}).
     */
    private Path dataDirectory() {
        String given = values.get(Setting.DATA_DIR.key());
        String text = given != null ? given.strip()
                : System.getProperty(DATA_DIR_DEFAULT_PROPERTY, Setting.DATA_DIR.defaultValue().orElseThrow());
        if (text.isEmpty()) {
            problems.add(Setting.DATA_DIR.key() + " must not be empty: name a directory, e.g. /var/lib/guichet.");
            return Path.of(".guichet");
        }
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            problems.add(Setting.DATA_DIR.key() + ": '" + text + "' is not a usable path.");
            return Path.of(".guichet");
        }
    }

    /** The customers' web pages, unless GUICHET_WEB_PORT is off. */
    private Optional<GuichetConfig.WebConfig> web() {
        if (value(Setting.WEB_PORT).equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        int port = integer(Setting.WEB_PORT, 0, 65535);
        InetAddress bind = bindAddress(Setting.WEB_BIND);
        Optional<java.net.URI> base = url(Setting.WEB_BASE_URL, Set.of("http", "https"),
                "https://support.example.com/guichet").map(u -> java.net.URI.create(u.endsWith("/")
                ? u.substring(0, u.length() - 1) : u));
        if (port == 0 && base.isEmpty()) {
            problems.add(Setting.WEB_BASE_URL.key() + " is required when " + Setting.WEB_PORT.key()
                    + " is 0: the links in mails name the pages' address.");
        }
        Optional<String> secret = optional(Setting.WEB_SECRET);
        if (secret.isPresent() && secret.get().length() < 32) {
            problems.add(Setting.WEB_SECRET.key() + ": at least 32 characters (it signs the page links), or empty for a"
                    + " secret generated once and stored in the database.");
        }
        Duration validity = positiveDuration(Setting.WEB_LINK_VALIDITY);
        Optional<String> featureRequests = url(Setting.FEATURE_REQUESTS_URL, Set.of("http", "https"),
                "https://ideas.example.com/");
        return Optional.of(new GuichetConfig.WebConfig(port, bind, base, secret,
                validity == null ? Duration.ofDays(30) : validity, featureRequests));
    }

    /** An IP address literal (never a name: no DNS lookup while the configuration is checked). */
    private InetAddress bindAddress() {
        return bindAddress(Setting.HTTP_BIND);
    }

    private InetAddress bindAddress(Setting setting) {
        String value = value(setting);
        boolean literal = value.matches("\\d{1,3}(\\.\\d{1,3}){3}") || value.contains(":");
        if (literal) {
            try {
                return InetAddress.getByName(value.startsWith("[") && value.endsWith("]")
                        ? value.substring(1, value.length() - 1) : value);
            } catch (java.net.UnknownHostException e) {
                // reported below
            }
        }
        problems.add(setting.key() + ": '" + value + "' is not an IP address; use 127.0.0.1 (this machine"
                + " only), an address of one of its interfaces, or 0.0.0.0 (or ::) for every interface.");
        return InetAddress.getLoopbackAddress();
    }

    /** GUICHET_IMAP_SENT_FOLDER: empty, or a folder other than the one read for new mail. */
    private Optional<String> sentFolder(String inbox) {
        Optional<String> sent = optional(Setting.IMAP_SENT_FOLDER);
        if (sent.isPresent() && sent.get().equalsIgnoreCase(inbox)) {
            problems.add(Setting.IMAP_SENT_FOLDER.key() + ": '" + sent.get() + "' is the folder read for new mail ("
                    + Setting.IMAP_FOLDER.key() + "); name the mailbox's folder of sent mail (Sent, Sent Items, ...).");
        }
        return sent;
    }

    private static Optional<Boolean> trueOrFalse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private <T> T parsed(Setting setting, java.util.function.Function<String, Optional<T>> parser, String accepted,
                         T fallback) {
        String value = value(setting);
        Optional<T> parsed = parser.apply(value);
        if (parsed.isEmpty()) {
            problems.add(setting.key() + ": '" + value + "' is not one of " + accepted + ".");
        }
        return parsed.orElse(fallback);
    }

    /** GUICHET_DATA_DIR as {@code values} (the environment, for example) give it, or its default. */
    public static Path dataDirectory(Map<String, String> values) {
        return new ConfigReader(values).dataDirectory();
    }

    /** The system property by which a launcher changes the default of GUICHET_DATA_DIR. */
    public static final String DATA_DIR_DEFAULT_PROPERTY = "guichet.dataDirDefault";

    private PolicySettings policy() {
        PolicySettings defaults = PolicySettings.defaults();
        Optional<List<Duration>> reminders = durations(Setting.REMINDERS, -1);
        Duration autoResolve = positiveDuration(Setting.AUTO_RESOLVE_AFTER);
        Duration reopen = positiveDuration(Setting.REOPEN_WINDOW);
        List<Duration> first = durations(Setting.FIRST_RESPONSE_TARGETS, 4).orElse(null);
        List<Duration> update = durations(Setting.UPDATE_TARGETS, 4).orElse(null);
        Duration s1 = positiveDuration(Setting.SEVERITY_ONE_ANSWER_TIMEOUT);
        List<String> modules = list(Setting.MODULES);
        List<String> keywords = list(Setting.ESCALATION_KEYWORDS);
        Period certificationValidity = period(Setting.CERTIFICATION_VALIDITY, defaults.certificationValidity());
        Period certificationReminder = period(Setting.CERTIFICATION_REMINDER, defaults.certificationReminder());
        Period previousVersion = period(Setting.PREVIOUS_VERSION_SUPPORT, defaults.previousVersionSupport());
        Period sunset = period(Setting.SUNSET_NOTICE, defaults.sunsetNotice());
        if (reminders.isEmpty() || autoResolve == null) {
            return defaults;
        }
        // the reminders are checked against the auto-resolve delay even when other settings are wrong
        try {
            return new PolicySettings(reminders.get(), autoResolve, reopen == null ? defaults.reopenWindow() : reopen,
                    first == null ? defaults.firstResponseTargets()
                            : PolicySettings.perSeverity(first.get(0), first.get(1), first.get(2), first.get(3)),
                    update == null ? defaults.updateTargets()
                            : PolicySettings.perSeverity(update.get(0), update.get(1), update.get(2), update.get(3)),
                    s1 == null ? defaults.severityOneAnswerTimeout() : s1, certificationValidity,
                    certificationReminder, previousVersion, sunset, modules, keywords);
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

    /** The built-in mail templates, with the operator's in their place when GUICHET_TEMPLATES_DIR is set. */
    private MailTemplates templates() {
        Optional<String> dir = optional(Setting.TEMPLATES_DIR);
        if (dir.isEmpty()) {
            return new MailTemplates();
        }
        Path path;
        try {
            path = Path.of(dir.get());
        } catch (java.nio.file.InvalidPathException e) {
            problems.add(Setting.TEMPLATES_DIR.key() + ": '" + dir.get() + "' is not a usable path.");
            return new MailTemplates();
        }
        return switch (MailTemplates.withOverrides(path)) {
            case MailTemplates.Loaded.Ready ready -> ready.templates();
            case MailTemplates.Loaded.Invalid invalid -> {
                invalid.problems().forEach(p -> problems.add(Setting.TEMPLATES_DIR.key() + ": " + p));
                yield new MailTemplates();
            }
        };
    }

    /** An absolute URL with one of these schemes and a host, or empty when the setting is empty. */
    /** A Discord id (a "snowflake": 17 to 20 digits), or none when the setting is empty. */
    private Optional<String> snowflake(Setting setting) {
        Optional<String> value = optional(setting).map(String::strip);
        if (value.isPresent() && !value.get().matches("[0-9]{17,20}")) {
            problems.add(setting.key() + ": '" + value.get() + "' is not a Discord channel id (17 to 20 digits, such as"
                    + " 1180000000000000012: with Discord's developer mode on, right-click the channel, Copy Channel ID).");
            return Optional.empty();
        }
        return value;
    }

    private Optional<String> url(Setting setting, Set<String> schemes, String example) {
        Optional<String> value = optional(setting);
        if (value.isEmpty()) {
            return value;
        }
        try {
            java.net.URI uri = new java.net.URI(value.get());
            if (uri.getScheme() != null && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null) {
                return value;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problems.add(setting.key() + ": '" + value.get() + "' is not a " + String.join(" or ", schemes.stream().sorted()
                .toList()) + " URL with a host, such as " + example + ".");
        return Optional.empty();
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
        Optional<Duration> d = DurationText.parse(value);
        if (d.isEmpty()) {
            problems.add(key + ": '" + value + "' is not " + DurationText.ACCEPTED + ".");
        }
        return d;
    }

    private Period period(Setting setting, Period fallback) {
        String value = value(setting);
        Optional<Period> p = DurationText.parsePeriod(value);
        if (p.isEmpty()) {
            problems.add(setting.key() + ": '" + value + "' is not " + DurationText.ACCEPTED_PERIOD + ".");
        }
        return p.orElse(fallback);
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

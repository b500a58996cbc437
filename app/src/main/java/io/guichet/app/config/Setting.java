package io.guichet.app.config;

import java.util.Optional;

/**
 * Every configuration key of Guichet, with its default and meaning. Keys are read from the environment and from
 * an optional properties file (same names; the environment wins). The README's configuration table lists these.
 */
public enum Setting {
    // database
    DB_URL("GUICHET_DB_URL", null, "PostgreSQL JDBC URL. Empty: an embedded PostgreSQL with data in GUICHET_DATA_DIR."),
    DB_USER("GUICHET_DB_USER", "", "Database user."),
    DB_PASSWORD("GUICHET_DB_PASSWORD", "", "Database password."),
    DB_POOL_SIZE("GUICHET_DB_POOL_SIZE", "10", "Connections in the pool."),
    DATA_DIR("GUICHET_DATA_DIR", "~/.local/share/guichet", "Local data: the embedded PostgreSQL's files when no GUICHET_DB_URL is set. `~` is the user's home; `./guichet` in a checkout defaults to `.guichet`; the service and the image use /var/lib/guichet."),
    HTTP_PORT("GUICHET_HTTP_PORT", "8080", "Port of /health/live, /health/ready and /metrics; 0 picks a free port, off disables."),
    HTTP_BIND("GUICHET_HTTP_BIND", "127.0.0.1", "Address the health and metrics server listens on: an IP address of this machine; 0.0.0.0 (or ::) for every interface (the container image sets 0.0.0.0)."),
    WEB_PORT("GUICHET_WEB_PORT", "off", "Port of the customers' web pages (a ticket's page behind the signed link in every mail; docs/web.md); off: no pages and no links in mails; 0 picks a free port (GUICHET_WEB_BASE_URL is then required)."),
    WEB_BIND("GUICHET_WEB_BIND", "127.0.0.1", "Address the customers' web pages listen on: an IP address of this machine (keep 127.0.0.1 behind a reverse proxy on the same machine); 0.0.0.0 (or ::) for every interface."),
    WEB_BASE_URL("GUICHET_WEB_BASE_URL", "", "The address customers reach the pages at, as the links in mails give it (https://support.example.com/guichet behind a reverse proxy); empty: http://127.0.0.1:GUICHET_WEB_PORT, this machine only."),
    WEB_SECRET("GUICHET_WEB_SECRET", "", "Secret the page links are signed with (HMAC-SHA256), at least 32 characters, the same on every node; changing it voids every link sent; empty: 32 random bytes generated once and stored in the database."),
    WEB_LINK_VALIDITY("GUICHET_WEB_LINK_VALIDITY", "P30D", "How long a page link works after its mail was written (each mail brings a fresh one)."),
    FEATURE_REQUESTS_URL("GUICHET_FEATURE_REQUESTS_URL", "", "Where customers submit feature requests (R12e): a ticket resolved as a feature request links there, when the pages are served; empty: the knowledge base's page (GUICHET_WEB_BASE_URL/kb)."),
    LOG_FORMAT("GUICHET_LOG_FORMAT", "text", "Log lines on stderr: text, or json (one object per line, MDC included)."),
    LOG_LEVEL("GUICHET_LOG_LEVEL", "info", "Level of Guichet's own log lines: trace, debug, info, warn or error (libraries log warnings only)."),
    // mailbox
    IMAP_HOST("GUICHET_IMAP_HOST", null, "IMAP server of the support mailbox (required by `run`)."),
    IMAP_PORT("GUICHET_IMAP_PORT", "993", "IMAP port."),
    IMAP_SECURITY("GUICHET_IMAP_SECURITY", "tls", "tls, starttls or none."),
    IMAP_USER("GUICHET_IMAP_USER", "", "IMAP user."),
    IMAP_PASSWORD("GUICHET_IMAP_PASSWORD", "", "IMAP password."),
    IMAP_AUTH("GUICHET_IMAP_AUTH", "password", "How Guichet logs in to IMAP: password, or oauth2 (XOAUTH2 with a token from GUICHET_OAUTH_*, as GUICHET_IMAP_USER; docs/mail.md)."),
    IMAP_FOLDER("GUICHET_IMAP_FOLDER", "INBOX", "Folder read for new mail."),
    IMAP_PROCESSED_FOLDER("GUICHET_IMAP_PROCESSED_FOLDER", "Processed", "Handled mail is moved there; empty: flagged and left in place."),
    IMAP_QUARANTINE_FOLDER("GUICHET_IMAP_QUARANTINE_FOLDER", "Quarantine", "Mail that cannot be handled is moved there."),
    IMAP_SENT_FOLDER("GUICHET_IMAP_SENT_FOLDER", "", "The mailbox's folder of sent mail (Sent, Sent Items, [Gmail]/Sent Mail): an answer whose send may have succeeded (a crash, a connection lost after the data) is looked for there by Message-ID before it is sent again; empty: sent again unchecked and counted (docs/mail.md)."),
    IMAP_POLL_INTERVAL("GUICHET_IMAP_POLL_INTERVAL", "PT30S", "Safety-net poll interval besides IMAP IDLE (ISO-8601 duration)."),
    IMAP_WORKERS("GUICHET_IMAP_WORKERS", "4", "Mails handled at once, each on its own database connection (at most half of GUICHET_DB_POOL_SIZE); one sender's mail is always handled in order (1-32)."),
    MAIL_MAX_BYTES("GUICHET_MAIL_MAX_BYTES", "26214400", "Larger mail is quarantined without being downloaded."),
    MAIL_FILE_SENT_COPY("GUICHET_MAIL_FILE_SENT_COPY", "false", "true: Guichet files a copy of each answer in GUICHET_IMAP_SENT_FOLDER, for servers that do not file submitted mail themselves (Microsoft 365 and Gmail do: keep false there); true or false."),
    MAIL_MAX_ATTEMPTS("GUICHET_MAIL_MAX_ATTEMPTS", "3", "Failed attempts at handling a mail (any error, counted in the database) before it is quarantined (1-100)."),
    // sending
    SMTP_HOST("GUICHET_SMTP_HOST", null, "SMTP server for answers (required by `run`)."),
    SMTP_PORT("GUICHET_SMTP_PORT", "587", "SMTP port."),
    SMTP_SECURITY("GUICHET_SMTP_SECURITY", "starttls", "tls, starttls or none."),
    SMTP_USER("GUICHET_SMTP_USER", "", "SMTP user; empty: no authentication."),
    SMTP_PASSWORD("GUICHET_SMTP_PASSWORD", "", "SMTP password."),
    SMTP_AUTH("GUICHET_SMTP_AUTH", "password", "How Guichet logs in to SMTP: password (none when GUICHET_SMTP_USER is empty), or oauth2 (XOAUTH2 as GUICHET_SMTP_USER)."),
    MAIL_CA_FILE("GUICHET_MAIL_CA_FILE", "", "PEM file of CA certificates trusted for IMAP and SMTP besides the JDK's (a private CA); empty: the JDK's only. Host names are always checked."),
    // OAuth2 for IMAP and SMTP (docs/mail.md)
    OAUTH_PROVIDER("GUICHET_OAUTH_PROVIDER", "", "Where tokens come from when GUICHET_IMAP_AUTH or GUICHET_SMTP_AUTH is oauth2: microsoft, google or google-service-account."),
    OAUTH_TENANT("GUICHET_OAUTH_TENANT", "", "microsoft: the directory (tenant) ID, or a domain of the tenant."),
    OAUTH_CLIENT_ID("GUICHET_OAUTH_CLIENT_ID", "", "microsoft, google: the application (client) ID."),
    OAUTH_CLIENT_SECRET("GUICHET_OAUTH_CLIENT_SECRET", "", "microsoft, google: the client secret (or GUICHET_OAUTH_CLIENT_SECRET_FILE)."),
    OAUTH_CLIENT_SECRET_FILE("GUICHET_OAUTH_CLIENT_SECRET_FILE", "", "A file holding the client secret, read at each token request."),
    OAUTH_REFRESH_TOKEN("GUICHET_OAUTH_REFRESH_TOKEN", "", "google: the refresh token of the mailbox's user (or GUICHET_OAUTH_REFRESH_TOKEN_FILE)."),
    OAUTH_REFRESH_TOKEN_FILE("GUICHET_OAUTH_REFRESH_TOKEN_FILE", "", "A file holding the refresh token, read at each token request."),
    OAUTH_SERVICE_ACCOUNT_FILE("GUICHET_OAUTH_SERVICE_ACCOUNT_FILE", "", "google-service-account: the service account's JSON key file (domain-wide delegation)."),
    OAUTH_SCOPE("GUICHET_OAUTH_SCOPE", "", "Scope of the tokens; empty: https://outlook.office365.com/.default (microsoft), https://mail.google.com/ (google)."),
    OAUTH_TOKEN_URL("GUICHET_OAUTH_TOKEN_URL", "", "Token endpoint; empty: the provider's. https, or http to a loopback address only."),
    OUTBOX_RETRY_WINDOW("GUICHET_OUTBOX_RETRY_WINDOW", "2d", "How long a mail the SMTP server does not take is retried (every 30 s doubling up to 15 min) after its first failure; then it is abandoned: counted (guichet_outbox_abandoned), listed by `guichet outbox list`, sent again by `guichet outbox retry`."),
    SUPPORT_ADDRESS("GUICHET_SUPPORT_ADDRESS", null, "The support address: From of every answer (required by `run`)."),
    SUPPORT_NAME("GUICHET_SUPPORT_NAME", "Support", "Display name of the support address."),
    MESSAGE_ID_DOMAIN("GUICHET_MESSAGE_ID_DOMAIN", "", "Domain of our Message-IDs; empty: the support address's domain."),
    SUBJECT_TAG("GUICHET_SUBJECT_TAG", "[Ticket#{n}]", "Ticket tag in subjects; {n} is the number."),
    TEMPLATES_DIR("GUICHET_TEMPLATES_DIR", "", "Directory of the operator's mail templates (en/, fr/), each replacing the built-in one of the same name, the signature included (docs/mail-templates.md); empty: the built-in ones."),
    TRUSTED_AUTHSERV_ID("GUICHET_TRUSTED_AUTHSERV_ID", "", "authserv-id of our receiving server, whose Authentication-Results are trusted (R10); empty: none."),
    AUTO_REPLY_CAP("GUICHET_AUTO_REPLY_CAP", "20", "Automatic answers per recipient per day."),
    // policy (R22)
    TIMEZONE("GUICHET_TIMEZONE", "Europe/Paris", "Time zone of the business hours (R14)."),
    BUSINESS_HOURS("GUICHET_BUSINESS_HOURS", "MON-FRI 09:00-18:00", "Business hours for severities 2-4 (R14), e.g. MON-THU 08:30-12:00,13:00-17:30; FRI 08:30-16:00."),
    HOLIDAYS("GUICHET_HOLIDAYS", "", "Closed days, comma-separated ISO dates (R14)."),
    MODULES("GUICHET_MODULES", "", "The desk's list of modules (R4), comma-separated; empty: any."),
    REMINDERS("GUICHET_REMINDERS", "P2D,P5D", "Reminders while waiting on the customer (R12a)."),
    AUTO_RESOLVE_AFTER("GUICHET_AUTO_RESOLVE_AFTER", "P7D", "Resolved after this long without an answer (R12a)."),
    REOPEN_WINDOW("GUICHET_REOPEN_WINDOW", "P7D", "A resolved ticket may be reopened this long, then is closed for good (R13)."),
    FIRST_RESPONSE_TARGETS("GUICHET_FIRST_RESPONSE_TARGETS", "PT1H,PT4H,PT8H,PT16H", "First response target for severities 1-4 (R15)."),
    UPDATE_TARGETS("GUICHET_UPDATE_TARGETS", "PT4H,PT8H,PT16H,PT40H", "Update interval for severities 1-4 (R16)."),
    SEVERITY_ONE_ANSWER_TIMEOUT("GUICHET_SEVERITY_ONE_ANSWER_TIMEOUT", "PT4H", "Unanswered severity-1 question downgrades to 2 after this (R11, R17)."),
    CERTIFICATION_VALIDITY("GUICHET_CERTIFICATION_VALIDITY", "P1Y", "A certification lasts this long by default and may end at most this far ahead (R10; ISO-8601 period)."),
    CERTIFICATION_REMINDER("GUICHET_CERTIFICATION_REMINDER", "P30D", "Certification-expiry reminder this long ahead (R10; ISO-8601 period)."),
    PREVIOUS_VERSION_SUPPORT("GUICHET_PREVIOUS_VERSION_SUPPORT", "P1Y", "The previous on-premise version stays supported this long after the next release (R20)."),
    SUNSET_NOTICE("GUICHET_SUNSET_NOTICE", "P1Y", "End of support is announced this long ahead (R20)."),
    CALENDAR_CRON("GUICHET_CALENDAR_CRON", "0 0 6 * * ?", "When the calendar notices (R10, R20) are sent: a Quartz cron expression in GUICHET_TIMEZONE."),
    ESCALATION_KEYWORDS("GUICHET_ESCALATION_KEYWORDS", "escalate,escalade,escalation,escalader", "A first line starting with one of these asks for escalation (R18)."),
    // Discord
    DISCORD_TOKEN("GUICHET_DISCORD_TOKEN", "", "Bot token; empty: the Discord console stays off."),
    DISCORD_GUILD_ID("GUICHET_DISCORD_GUILD_ID", "", "Server (guild) where commands are registered."),
    DISCORD_STAFF_CHANNEL_ID("GUICHET_DISCORD_STAFF_CHANNEL_ID", "", "Channel for staff notices."),
    DISCORD_THREAD_CHANNEL_ID("GUICHET_DISCORD_THREAD_CHANNEL_ID", "", "Text or forum channel where each ticket gets its own thread (customer mail relayed, changes posted, technicians answer by writing); empty: no ticket threads."),
    DISCORD_LOG_CHANNEL_ID("GUICHET_DISCORD_LOG_CHANNEL_ID", "", "Text channel where the transcript of each ticket closed for good (R13) is posted as a file, with a one-line summary; empty: no transcripts posted."),
    DISCORD_TECHNICIAN_ROLE_ID("GUICHET_DISCORD_TECHNICIAN_ROLE_ID", "", "Role allowed to work tickets."),
    DISCORD_MANAGER_ROLE_ID("GUICHET_DISCORD_MANAGER_ROLE_ID", "", "Role allowed to manage contacts, coverage and versions."),
    DISCORD_API_URL("GUICHET_DISCORD_API_URL", "", "Base URL of Discord's HTTP API, version included, for proxies and tests (e.g. http://127.0.0.1:8090/api/v10/ for a stand-in); empty: Discord's own, https://discord.com/api/v10/."),
    DISCORD_GATEWAY_URL("GUICHET_DISCORD_GATEWAY_URL", "", "Address of Discord's gateway (WebSocket), for proxies and tests; empty: Discord's own, wss://gateway.discord.gg. The bot resumes at the address the gateway gives it."),
    // read by the launcher before Java starts
    JAVA_OPTS("GUICHET_JAVA_OPTS", "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:NewRatio=1 -XX:SurvivorRatio=4 -XX:TieredStopAtLevel=1", "JVM options, read by the launcher from the environment only (not the --config file); set it empty for the JVM's defaults. The default keeps a node's resident memory under 256 MB with everything on (a 256 MB heap at most, the serial collector with a young generation as large as the old one, the JIT's first tier only; docs/BENCHMARKS.md).", true);

    private final String key;
    private final String defaultValue;
    private final String meaning;
    private final boolean launcherOnly;

    Setting(String key, String defaultValue, String meaning) {
        this(key, defaultValue, meaning, false);
    }

    Setting(String key, String defaultValue, String meaning, boolean launcherOnly) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
        this.launcherOnly = launcherOnly;
    }

    public String key() {
        return key;
    }

    /** The default, or empty when the setting has none (required where it is used, or optional). */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String meaning() {
        return meaning;
    }

    /**
     * Whether the launcher reads this setting from the environment before Java starts: accepted in the environment,
     * refused in the {@code --config} file (where it would have no effect).
     */
    public boolean launcherOnly() {
        return launcherOnly;
    }

    /** The setting named {@code key}, exactly. */
    public static Optional<Setting> byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The setting an unknown name was probably meant to be: the same name in another case or without the
     * {@code GUICHET_} prefix, or the nearest key by edit distance (a typo: at most 3 letters off).
     */
    public static Optional<Setting> nearest(String unknown) {
        String name = unknown.strip().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        String withPrefix = name.startsWith("GUICHET_") ? name : "GUICHET_" + name;
        Setting best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting s : values()) {
            int d = EditDistance.between(withPrefix, s.key);
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        int allowed = Math.min(3, Math.max(1, (withPrefix.length() - "GUICHET_".length()) / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Whether this setting holds a secret that must never be printed. */
    public boolean secret() {
        return key.endsWith("PASSWORD") || key.endsWith("TOKEN") || key.endsWith("SECRET");
    }
}

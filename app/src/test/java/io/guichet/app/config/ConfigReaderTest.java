package io.guichet.app.config;

import io.guichet.mail.TransportSecurity;
import io.guichet.core.ticket.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReaderTest {

    private static final Map<String, String> MAIL = Map.of(
            "GUICHET_IMAP_HOST", "imap.example.com",
            "GUICHET_SMTP_HOST", "smtp.example.com",
            "GUICHET_SUPPORT_ADDRESS", "support@example.com");

    @Test
    @DisplayName("R22: with nothing set, every policy value has the default of POLICY.md")
    void defaults() {
        GuichetConfig config = valid(Map.of());

        assertThat(config.policy().autoResolveAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(config.policy().reopenWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(config.policy().reminderOffsets()).containsExactly(Duration.ofDays(2), Duration.ofDays(5));
        assertThat(config.database().url()).isEmpty();
        assertThat(config.mailbox()).isEmpty();
        assertThat(config.discord().token()).isEmpty();
        assertThat(ConfigReader.requireMailChannel(config)).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_IMAP_HOST is missing"));
    }

    @Test
    @DisplayName("R22: policy durations shrink to seconds by configuration")
    void shrunkPolicy() {
        GuichetConfig config = valid(Map.of("GUICHET_REMINDERS", "PT2S,PT5S", "GUICHET_AUTO_RESOLVE_AFTER", "PT7S",
                "GUICHET_REOPEN_WINDOW", "pt7s", "GUICHET_FIRST_RESPONSE_TARGETS", "PT1S,PT2S,PT3S,PT4S",
                "GUICHET_MODULES", "Agent, Console ,Patch"));

        assertThat(config.policy().autoResolveAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.policy().reopenWindow()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.policy().firstResponseTarget(Severity.S3)).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.policy().modules()).containsExactly("Agent", "Console", "Patch");
        assertThat(valid(Map.of("GUICHET_CERTIFICATION_REMINDER", "P10D")).policy().certificationReminder())
                .isEqualTo(java.time.Period.ofDays(10));
    }

    @Test
    @DisplayName("a complete mail configuration is read with its defaults")
    void mailChannel() {
        GuichetConfig config = valid(MAIL);

        assertThat(ConfigReader.requireMailChannel(config)).isEmpty();
        assertThat(config.mailbox().orElseThrow().port()).isEqualTo(993);
        assertThat(config.mailbox().orElseThrow().security()).isEqualTo(TransportSecurity.TLS);
        assertThat(config.mailbox().orElseThrow().processedFolder()).contains("Processed");
        assertThat(config.smtp().orElseThrow().security()).isEqualTo(TransportSecurity.STARTTLS);
        assertThat(config.mail().orElseThrow().messageIdDomain()).isEqualTo("example.com");
    }

    @Test
    @DisplayName("every bad value is named at once with what is accepted")
    void everyProblemAtOnce() {
        Map<String, String> values = new HashMap<>(MAIL);
        values.put("GUICHET_IMAP_PORT", "99999");
        values.put("GUICHET_SMTP_SECURITY", "ssl");
        values.put("GUICHET_AUTO_RESOLVE_AFTER", "7 days");
        values.put("GUICHET_TIMEZONE", "Paris");
        values.put("GUICHET_BUSINESS_HOURS", "MOM-FRI 09:00-18:00");
        values.put("GUICHET_UPDATE_TARGETS", "PT4H,PT8H");
        values.put("GUICHET_SUBJECT_TAG", "[Ticket]");
        values.put("GUICHET_IMAP_HOTS", "typo.example.com");
        values.put("GUICHET_SUNSET_NOTICE", "a year");
        values.put("GUICHET_CALENDAR_CRON", "every morning");

        List<String> problems = invalid(values);

        assertThat(problems).hasSize(10);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("GUICHET_SUNSET_NOTICE: 'a year'").contains("P1Y"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("GUICHET_CALENDAR_CRON").contains("0 0 6 * * ?"));
        assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo(
                "GUICHET_IMAP_PORT: '99999' is not a whole number between 1 and 65535."));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("GUICHET_SMTP_SECURITY").contains("tls, starttls, none"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("GUICHET_AUTO_RESOLVE_AFTER: '7 days'")
                .contains("30s, 15m, 4h, 7d").contains("PT30S, PT4H, P7D"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("GUICHET_TIMEZONE").contains("Europe/Paris"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("GUICHET_BUSINESS_HOURS").contains("\"MOM\""));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("GUICHET_UPDATE_TARGETS").contains("4 durations"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("GUICHET_SUBJECT_TAG").contains("{n}"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("GUICHET_IMAP_HOTS is not a Guichet setting"));
    }

    @Test
    @DisplayName("R12a: reminders must come before the auto-resolve deadline")
    void remindersAfterAutoResolve() {
        assertThat(invalid(Map.of("GUICHET_REMINDERS", "P8D", "GUICHET_AUTO_RESOLVE_AFTER", "P7D")))
                .singleElement().satisfies(p -> assertThat(p).contains("GUICHET_REMINDERS"));
    }

    @Test
    @DisplayName("a Discord token needs its guild and roles")
    void discordNeedsIds() {
        assertThat(invalid(Map.of("GUICHET_DISCORD_TOKEN", "abc"))).hasSize(3)
                .allSatisfy(p -> assertThat(p).endsWith("is required when GUICHET_DISCORD_TOKEN is set."));
    }

    @Test
    @DisplayName("the environment overrides the properties file; other variables are ignored")
    void sources(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("guichet.properties");
        Files.writeString(file, "GUICHET_IMAP_HOST=file.example.com\nGUICHET_IMAP_PORT=143\n");

        ConfigSource.Loaded loaded = ConfigSource.load(Optional.of(file),
                Map.of("GUICHET_IMAP_HOST", "env.example.com", "HOME", "/root"));

        Map<String, String> values = ((ConfigSource.Loaded.Values) loaded).values();
        assertThat(values).containsEntry("GUICHET_IMAP_HOST", "env.example.com").containsEntry("GUICHET_IMAP_PORT", "143")
                .doesNotContainKey("HOME");
        assertThat(ConfigSource.load(Optional.of(dir.resolve("missing.properties")), Map.of()))
                .isInstanceOf(ConfigSource.Loaded.Unreadable.class);
    }

    @Test
    @DisplayName("R22: durations are read in the short form (30s, 15m, 4h, 7d, 1h30m) as well as ISO-8601, everywhere")
    void shortDurations() {
        GuichetConfig config = valid(Map.of("GUICHET_REMINDERS", "2d, 5d", "GUICHET_AUTO_RESOLVE_AFTER", "7d",
                "GUICHET_REOPEN_WINDOW", "168h", "GUICHET_FIRST_RESPONSE_TARGETS", "30m,4h,PT8H,16h",
                "GUICHET_SEVERITY_ONE_ANSWER_TIMEOUT", "1h30m", "GUICHET_IMAP_HOST", "imap.example.com",
                "GUICHET_IMAP_POLL_INTERVAL", "30s", "GUICHET_CERTIFICATION_REMINDER", "10d"));

        assertThat(config.policy().reminderOffsets()).containsExactly(Duration.ofDays(2), Duration.ofDays(5));
        assertThat(config.policy().autoResolveAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(config.policy().reopenWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(config.policy().firstResponseTarget(Severity.S1)).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.policy().severityOneAnswerTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.mailbox().orElseThrow().pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.policy().certificationReminder()).isEqualTo(java.time.Period.ofDays(10));
        assertThat(invalid(Map.of("GUICHET_AUTO_RESOLVE_AFTER", "0s", "GUICHET_REOPEN_WINDOW", "7 d",
                "GUICHET_SUNSET_NOTICE", "6m")))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_AUTO_RESOLVE_AFTER: '0s' is not a positive duration"))
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_SUNSET_NOTICE: '6m' is not a positive period")
                        .contains("P6M"));
    }

    @Test
    @DisplayName("a libpq URL is refused with its JDBC form, without repeating the password")
    void jdbcUrls() {
        assertThat(invalid(Map.of("GUICHET_DB_URL", "postgres://bob:hunter2@db.example.com:5433/guichet?sslmode=require")))
                .singleElement().satisfies(p -> assertThat(p)
                        .contains("jdbc:postgresql://db.example.com:5433/guichet?sslmode=require")
                        .contains("GUICHET_DB_USER").doesNotContain("hunter2"));
        assertThat(invalid(Map.of("GUICHET_DB_URL", "postgres://bob@host/db")))
                .singleElement().satisfies(p -> assertThat(p).contains("jdbc:postgresql://host/db"));
        assertThat(invalid(Map.of("GUICHET_DB_URL", "jdbc:mysql://db/guichet")))
                .singleElement().satisfies(p -> assertThat(p).contains("not a PostgreSQL JDBC URL")
                        .contains("jdbc:postgresql://HOST:PORT/DATABASE"));
        assertThat(valid(Map.of("GUICHET_DB_URL", "jdbc:postgresql://db.example.com:5432/guichet")).database().url())
                .contains("jdbc:postgresql://db.example.com:5432/guichet");
    }

    @Test
    @DisplayName("a misspelt setting gets the name it was probably meant to be")
    void didYouMean() {
        assertThat(invalid(Map.of("GUICHET_IMAP_HOTS", "x", "GUICHET_SMPT_PORT", "25", "GUICHET_FROBNICATE", "1")))
                .containsExactlyInAnyOrder(
                        "GUICHET_FROBNICATE is not a Guichet setting (see the configuration table in the README).",
                        "GUICHET_IMAP_HOTS is not a Guichet setting; did you mean GUICHET_IMAP_HOST?",
                        "GUICHET_SMPT_PORT is not a Guichet setting; did you mean GUICHET_SMTP_PORT?");
    }

    @Test
    @DisplayName("GUICHET_JAVA_OPTS, read by the launcher, is accepted in the environment")
    void launcherVariables() {
        valid(Map.of("GUICHET_JAVA_OPTS", "-Xmx512m -XX:+FlightRecorder"));
    }

    @Test
    @DisplayName("run's missing settings are listed with every other mistake, in one pass")
    void runProblemsInOnePass() {
        ConfigReader.Result result = ConfigReader.readForRun(Map.of("GUICHET_IMAP_HOST", "imap.example.com",
                "GUICHET_SUPPORT_ADDRESS", "not-an-address", "GUICHET_IMAP_PORT", "0", "GUICHET_SMTP_PORT", "smtp",
                "GUICHET_AUTO_REPLY_CAP", "many", "GUICHET_REMINDERS", "P8D", "GUICHET_AUTO_RESOLVE_AFTER", "7d",
                "GUICHET_UPDATE_TARGETS", "nope"));

        assertThat(((ConfigReader.Result.Invalid) result).problems()).hasSize(7)
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_SMTP_HOST is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_SUPPORT_ADDRESS: 'not-an-address'"))
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_IMAP_PORT: '0'"))
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_SMTP_PORT: 'smtp'"))
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_AUTO_REPLY_CAP: 'many'"))
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_REMINDERS and GUICHET_AUTO_RESOLVE_AFTER disagree"))
                .anySatisfy(p -> assertThat(p).startsWith("GUICHET_UPDATE_TARGETS"));
    }

    @Test
    @DisplayName("the file is read as a .properties file: full-line # and ! comments, no end-of-line comments")
    void fileComments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("guichet.properties");
        Files.writeString(file, """
                # the support mailbox
                ! also a comment
                GUICHET_IMAP_HOST = imap.example.com
                GUICHET_SUPPORT_NAME=Support \\#1
                GUICHET_SMTP_HOST=smtp.example.com # ours
                GUICHET_SMTP_PASSWORD=secret # not a comment
                GUICHET_SUBJECT_TAG=[Ticket#{n}]
                """);

        ConfigSource.Loaded.Values loaded = (ConfigSource.Loaded.Values) ConfigSource.load(Optional.of(file), Map.of());

        assertThat(loaded.values()).containsEntry("GUICHET_IMAP_HOST", "imap.example.com")
                .containsEntry("GUICHET_SUPPORT_NAME", "Support #1")
                .containsEntry("GUICHET_SUBJECT_TAG", "[Ticket#{n}]")
                .doesNotContainKeys("GUICHET_SMTP_HOST", "GUICHET_SMTP_PASSWORD");
        assertThat(loaded.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("--config " + file + " line 5: GUICHET_SMTP_HOST:"
                        + " 'smtp.example.com # ours' holds ' #'").contains("line of its own").contains("\\#"))
                .anySatisfy(p -> assertThat(p).contains("line 6: GUICHET_SMTP_PASSWORD: its value holds ' #'")
                        .doesNotContain("secret"));
    }

    @Test
    @DisplayName("every key of the file must be a setting: unprefixed, misspelt and launcher keys are refused")
    void fileKeys(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("guichet.properties");
        Files.writeString(file, """
                imap_host=imap.example.com
                GUICHET_IMAP_HOTS=imap.example.com
                GUICHET_JAVA_OPTS=-Xmx1g
                colour=blue
                """);

        ConfigSource.Loaded.Values loaded = (ConfigSource.Loaded.Values) ConfigSource.load(Optional.of(file),
                Map.of("GUICHET_JAVA_OPTS", "-Xmx512m"));

        assertThat(loaded.problems()).containsExactlyInAnyOrder(
                "--config " + file + " line 1: imap_host is not a Guichet setting; did you mean GUICHET_IMAP_HOST?",
                "--config " + file + " line 2: GUICHET_IMAP_HOTS is not a Guichet setting; did you mean GUICHET_IMAP_HOST?",
                "--config " + file + " line 3: GUICHET_JAVA_OPTS is read by the launcher before Java starts: set it in"
                        + " the environment (or the service's Environment=); the --config file cannot change it.",
                "--config " + file + " line 4: colour is not a Guichet setting (see the configuration table in the README).");
        assertThat(loaded.values()).containsOnlyKeys("GUICHET_JAVA_OPTS");
    }

    @Test
    @DisplayName("the health server's address and the log format and level are settings, checked like the others")
    void operations() {
        GuichetConfig defaults = valid(Map.of());
        assertThat(defaults.operations().httpBind().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(defaults.operations().logFormat()).isEqualTo(io.guichet.app.logging.LogSetup.Format.TEXT);
        GuichetConfig set = valid(Map.of("GUICHET_HTTP_BIND", "0.0.0.0", "GUICHET_LOG_FORMAT", "JSON",
                "GUICHET_LOG_LEVEL", "debug"));
        assertThat(set.operations().httpBind().isAnyLocalAddress()).isTrue();
        assertThat(set.operations().logFormat()).isEqualTo(io.guichet.app.logging.LogSetup.Format.JSON);
        assertThat(set.operations().logLevel()).hasToString("DEBUG");
        assertThat(valid(Map.of("GUICHET_HTTP_BIND", "::")).operations().httpBind().isAnyLocalAddress()).isTrue();
        assertThat(invalid(Map.of("GUICHET_HTTP_BIND", "example.com", "GUICHET_LOG_FORMAT", "xml",
                "GUICHET_LOG_LEVEL", "verbose"))).containsExactlyInAnyOrder(
                "GUICHET_HTTP_BIND: 'example.com' is not an IP address; use 127.0.0.1 (this machine only), an address"
                        + " of one of its interfaces, or 0.0.0.0 (or ::) for every interface.",
                "GUICHET_LOG_FORMAT: 'xml' is not one of text or json.",
                "GUICHET_LOG_LEVEL: 'verbose' is not one of trace, debug, info, warn or error.");
    }

    @Test
    @DisplayName("secrets are never shown")
    void secretsMasked() {
        assertThat(ConfigReader.effective(Map.of("GUICHET_IMAP_PASSWORD", "hunter2")).get(Setting.IMAP_PASSWORD))
                .isEqualTo("********");
        GuichetConfig config = valid(Map.of("GUICHET_IMAP_HOST", "h", "GUICHET_IMAP_PASSWORD", "hunter2",
                "GUICHET_DB_URL", "jdbc:postgresql://db/guichet?password=hunter2"));
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    private static GuichetConfig valid(Map<String, String> values) {
        ConfigReader.Result result = ConfigReader.read(values);
        assertThat(result).isInstanceOf(ConfigReader.Result.Valid.class);
        return ((ConfigReader.Result.Valid) result).config();
    }

    private static List<String> invalid(Map<String, String> values) {
        ConfigReader.Result result = ConfigReader.read(values);
        assertThat(result).isInstanceOf(ConfigReader.Result.Invalid.class);
        return ((ConfigReader.Result.Invalid) result).problems();
    }
}

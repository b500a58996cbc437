package io.guichet.app.config;

import io.guichet.app.config.GuichetConfig.AuthMethod;
import io.guichet.mail.TransportSecurity;
import io.guichet.mail.oauth.OAuthGrant;
import io.guichet.core.ticket.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
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
    @DisplayName("R22: with nothing set, every policy value has the default of docs/policy.md")
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
        assertThat(valid(Map.of("GUICHET_CERTIFICATION_VALIDITY", "P6M")).policy().certificationValidity())
                .as("R10: the certification period is a setting").isEqualTo(java.time.Period.ofMonths(6));
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
    @DisplayName("Discord's API and gateway addresses may be replaced (a proxy, a stand-in); a wrong one is named")
    void discordAddresses() {
        GuichetConfig config = valid(Map.of("GUICHET_DISCORD_API_URL", "http://127.0.0.1:8090/api/v10/",
                "GUICHET_DISCORD_GATEWAY_URL", "ws://127.0.0.1:8091"));

        assertThat(config.discord().apiUrl()).contains("http://127.0.0.1:8090/api/v10/");
        assertThat(config.discord().gatewayUrl()).contains("ws://127.0.0.1:8091");
        assertThat(valid(Map.of()).discord().apiUrl()).isEmpty();
        assertThat(invalid(Map.of("GUICHET_DISCORD_API_URL", "discord.com/api", "GUICHET_DISCORD_GATEWAY_URL",
                "https://gateway.discord.gg"))).containsExactlyInAnyOrder(
                "GUICHET_DISCORD_API_URL: 'discord.com/api' is not a http or https URL with a host, such as "
                        + "https://discord.com/api/v10/.",
                "GUICHET_DISCORD_GATEWAY_URL: 'https://gateway.discord.gg' is not a ws or wss URL with a host, such as "
                        + "wss://gateway.discord.gg.");
    }

    @Test
    @DisplayName("R13: the log channel for closed tickets' transcripts is a Discord id; empty means none, a wrong one is named")
    void discordLogChannel() {
        assertThat(valid(Map.of("GUICHET_DISCORD_LOG_CHANNEL_ID", " 1180000000000000012 ")).discord().logChannelId())
                .contains("1180000000000000012");
        assertThat(valid(Map.of()).discord().logChannelId()).isEmpty();
        assertThat(valid(Map.of("GUICHET_DISCORD_LOG_CHANNEL_ID", "  ")).discord().logChannelId()).isEmpty();
        assertThat(invalid(Map.of("GUICHET_DISCORD_LOG_CHANNEL_ID", "#support-log"))).containsExactly(
                "GUICHET_DISCORD_LOG_CHANNEL_ID: '#support-log' is not a Discord channel id (17 to 20 digits, such as "
                        + "1180000000000000012: with Discord's developer mode on, right-click the channel, Copy Channel ID).");
        assertThat(invalid(Map.of("GUICHET_DISCORD_LOG_CHANNEL_ID", "12345"))).singleElement()
                .asString().startsWith("GUICHET_DISCORD_LOG_CHANNEL_ID: '12345' is not a Discord channel id");
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
        assertThat(ConfigReader.effective(Map.of("GUICHET_OAUTH_CLIENT_SECRET", "hunter2", "GUICHET_OAUTH_REFRESH_TOKEN",
                "1//hunter2"))).containsEntry(Setting.OAUTH_CLIENT_SECRET, "********")
                .containsEntry(Setting.OAUTH_REFRESH_TOKEN, "********");
        GuichetConfig config = valid(Map.of("GUICHET_IMAP_HOST", "h", "GUICHET_IMAP_PASSWORD", "hunter2",
                "GUICHET_DB_URL", "jdbc:postgresql://db/guichet?password=hunter2"));
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    @DisplayName("OAuth2 with Microsoft: IMAP and SMTP log in as their users, the client credentials grant has the tenant's endpoint and scope")
    void oauthMicrosoft(@TempDir Path dir) throws IOException {
        Path secretFile = Files.writeString(dir.resolve("client-secret"), "s3cret\n");
        Map<String, String> values = new HashMap<>(MAIL);
        values.putAll(Map.of("GUICHET_IMAP_AUTH", "oauth2", "GUICHET_IMAP_USER", "support@example.com",
                "GUICHET_SMTP_AUTH", "OAuth2", "GUICHET_SMTP_USER", "support@example.com",
                "GUICHET_OAUTH_PROVIDER", "microsoft", "GUICHET_OAUTH_TENANT", "contoso.onmicrosoft.com",
                "GUICHET_OAUTH_CLIENT_ID", "6f0c-app", "GUICHET_OAUTH_CLIENT_SECRET_FILE", secretFile.toString()));

        GuichetConfig config = valid(values);

        assertThat(config.mailbox().orElseThrow().auth()).isEqualTo(AuthMethod.OAUTH2);
        assertThat(config.smtp().orElseThrow().auth()).isEqualTo(AuthMethod.OAUTH2);
        assertThat(config.mailAccess().oauth()).hasValueSatisfying(grant -> {
            OAuthGrant.ClientCredentials microsoft = (OAuthGrant.ClientCredentials) grant;
            assertThat(microsoft.tokenEndpoint()).isEqualTo(
                    URI.create("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
            assertThat(microsoft.clientId()).isEqualTo("6f0c-app");
            assertThat(microsoft.scope()).isEqualTo("https://outlook.office365.com/.default");
            assertThat(microsoft.clientSecret().problem()).isEmpty();
        });
        assertThat(valid(MAIL).mailAccess().oauth()).isEmpty();
        assertThat(valid(MAIL).mailbox().orElseThrow().auth()).isEqualTo(AuthMethod.PASSWORD);
    }

    @Test
    @DisplayName("OAuth2 with Google: a refresh token, or a service account's key file whose token endpoint is used; the endpoint may be overridden on loopback")
    void oauthGoogle(@TempDir Path dir) throws Exception {
        Map<String, String> refresh = new HashMap<>(MAIL);
        refresh.putAll(Map.of("GUICHET_IMAP_AUTH", "oauth2", "GUICHET_IMAP_USER", "support@example.com",
                "GUICHET_OAUTH_PROVIDER", "google", "GUICHET_OAUTH_CLIENT_ID", "x.apps.googleusercontent.com",
                "GUICHET_OAUTH_CLIENT_SECRET", "GOCSPX-secret", "GUICHET_OAUTH_REFRESH_TOKEN", "1//refresh"));
        assertThat(valid(refresh).mailAccess().oauth()).hasValueSatisfying(grant -> {
            assertThat(grant).isInstanceOf(OAuthGrant.RefreshToken.class);
            assertThat(grant.tokenEndpoint()).isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
        });

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024); // quick to make; only its format is read here
        String key = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
        Path keyFile = Files.writeString(dir.resolve("sa.json"), "{\"type\":\"service_account\",\"client_email\":"
                + "\"guichet@p.iam.gserviceaccount.com\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\n" + key
                + "\\n-----END PRIVATE KEY-----\\n\",\"token_uri\":\"https://oauth2.example.com/token\"}");
        Map<String, String> serviceAccount = new HashMap<>(MAIL);
        serviceAccount.putAll(Map.of("GUICHET_IMAP_AUTH", "oauth2", "GUICHET_IMAP_USER", "support@example.com",
                "GUICHET_OAUTH_PROVIDER", "google-service-account",
                "GUICHET_OAUTH_SERVICE_ACCOUNT_FILE", keyFile.toString()));
        assertThat(valid(serviceAccount).mailAccess().oauth()).hasValueSatisfying(grant -> {
            assertThat(grant).isInstanceOf(OAuthGrant.ServiceAccount.class);
            assertThat(grant.tokenEndpoint()).isEqualTo(URI.create("https://oauth2.example.com/token"));
            assertThat(grant.forUser("support@example.com").describe()).isEqualTo(
                    "service account of sa.json acting for support@example.com");
        });

        serviceAccount.put("GUICHET_OAUTH_TOKEN_URL", "http://127.0.0.1:8089/token");
        assertThat(valid(serviceAccount).mailAccess().oauth().orElseThrow().tokenEndpoint())
                .isEqualTo(URI.create("http://127.0.0.1:8089/token"));
        serviceAccount.put("GUICHET_OAUTH_TOKEN_URL", "http://tokens.example.com/token");
        assertThat(invalid(serviceAccount)).containsExactly("GUICHET_OAUTH_TOKEN_URL: 'http://tokens.example.com/token'"
                + " is not an https URL (http is accepted for a loopback address only).");
    }

    @Test
    @DisplayName("OAuth2 settings that are missing, contradictory or unused are each named")
    void oauthProblems(@TempDir Path dir) {
        Map<String, String> noProvider = new HashMap<>(MAIL);
        noProvider.putAll(Map.of("GUICHET_IMAP_AUTH", "oauth2", "GUICHET_IMAP_PASSWORD", "hunter2"));
        assertThat(invalid(noProvider)).containsExactlyInAnyOrder(
                "GUICHET_IMAP_USER is required with GUICHET_IMAP_AUTH=oauth2: the mailbox's address, e.g."
                        + " support@example.com.",
                "GUICHET_IMAP_PASSWORD is not used with GUICHET_IMAP_AUTH=oauth2; remove it.",
                "GUICHET_OAUTH_PROVIDER is required when GUICHET_IMAP_AUTH or GUICHET_SMTP_AUTH is oauth2: one of"
                        + " microsoft, google, google-service-account.");

        assertThat(invalid(Map.of("GUICHET_OAUTH_PROVIDER", "microsoft", "GUICHET_SMTP_AUTH", "xoauth")))
                .containsExactlyInAnyOrder("GUICHET_SMTP_AUTH: 'xoauth' is not one of password, oauth2.",
                        "GUICHET_OAUTH_PROVIDER is set, but neither GUICHET_IMAP_AUTH nor GUICHET_SMTP_AUTH is oauth2.");

        Map<String, String> microsoft = new HashMap<>(MAIL);
        microsoft.putAll(Map.of("GUICHET_SMTP_AUTH", "oauth2", "GUICHET_SMTP_USER", "support@example.com",
                "GUICHET_OAUTH_PROVIDER", "microsoft", "GUICHET_OAUTH_CLIENT_SECRET", "a",
                "GUICHET_OAUTH_CLIENT_SECRET_FILE", dir.resolve("secret").toString(),
                "GUICHET_OAUTH_REFRESH_TOKEN", "1//x"));
        assertThat(invalid(microsoft)).containsExactlyInAnyOrder(
                "GUICHET_OAUTH_TENANT is required with GUICHET_OAUTH_PROVIDER=microsoft: the Directory (tenant) ID of"
                        + " the app registration.",
                "GUICHET_OAUTH_CLIENT_ID is required with GUICHET_OAUTH_PROVIDER=microsoft: the Application (client) ID.",
                "Give GUICHET_OAUTH_CLIENT_SECRET or GUICHET_OAUTH_CLIENT_SECRET_FILE, not both.",
                "GUICHET_OAUTH_REFRESH_TOKEN is not used with GUICHET_OAUTH_PROVIDER=microsoft; remove it.");

        Map<String, String> google = new HashMap<>(MAIL);
        google.putAll(Map.of("GUICHET_IMAP_AUTH", "oauth2", "GUICHET_IMAP_USER", "support@example.com",
                "GUICHET_OAUTH_PROVIDER", "google", "GUICHET_OAUTH_CLIENT_ID", "x",
                "GUICHET_OAUTH_CLIENT_SECRET_FILE", dir.resolve("missing").toString()));
        assertThat(invalid(google)).containsExactlyInAnyOrder(
                "GUICHET_OAUTH_CLIENT_SECRET_FILE: '" + dir.resolve("missing") + "': no such file.",
                "GUICHET_OAUTH_REFRESH_TOKEN (or GUICHET_OAUTH_REFRESH_TOKEN_FILE) is required with"
                        + " GUICHET_OAUTH_PROVIDER=google.");
    }

    @Test
    @DisplayName("GUICHET_MAIL_CA_FILE: PEM certificates are added to the JDK's; a missing file or one without a certificate is named")
    void caFile(@TempDir Path dir) throws Exception {
        javax.net.ssl.TrustManagerFactory jdk = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        X509Certificate someCa = ((javax.net.ssl.X509TrustManager) jdk.getTrustManagers()[0]).getAcceptedIssuers()[0];
        Path pem = Files.writeString(dir.resolve("ca.pem"), "# our CA\n-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(someCa.getEncoded()) + "\n-----END CERTIFICATE-----\n");

        assertThat(valid(Map.of("GUICHET_MAIL_CA_FILE", pem.toString())).mailAccess().trust().describe())
                .isEqualTo("the JDK's trusted CAs and the 1 certificate of " + pem);
        assertThat(valid(Map.of()).mailAccess().trust().describe()).isEqualTo("the JDK's trusted CAs");
        assertThat(invalid(Map.of("GUICHET_MAIL_CA_FILE", dir.resolve("none.pem").toString())))
                .containsExactly("GUICHET_MAIL_CA_FILE: '" + dir.resolve("none.pem") + "': no such file.");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThat(invalid(Map.of("GUICHET_MAIL_CA_FILE", empty.toString()))).containsExactly("GUICHET_MAIL_CA_FILE: '"
                + empty + "' holds no PEM certificate (-----BEGIN CERTIFICATE----- ...).");
    }

    @Test
    @DisplayName("R22: the operator's templates are used, and a template with an unknown placeholder stops the start with its reason")
    void templatesDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("fr"));
        java.nio.file.Files.writeString(dir.resolve("fr/fragments.properties"), "signature=Le support Acme\n");
        GuichetConfig config = valid(Map.of("GUICHET_SUPPORT_ADDRESS", "support@example.com",
                "GUICHET_TEMPLATES_DIR", dir.toString()));
        assertThat(config.mail().orElseThrow().templates().fragment(io.guichet.core.account.Language.FR, "signature",
                Map.of())).isEqualTo("Le support Acme");

        java.nio.file.Files.writeString(dir.resolve("fr/closed.txt"), "Subject: {tag}\n\nBonjour {prenom}\n");
        assertThat(invalid(Map.of("GUICHET_SUPPORT_ADDRESS", "support@example.com", "GUICHET_TEMPLATES_DIR",
                dir.toString()))).singleElement().satisfies(p -> assertThat(p).startsWith("GUICHET_TEMPLATES_DIR: ")
                .contains("closed.txt: uses {prenom}"));
    }

    private static Map<String, String> withMail(String... keysAndValues) {
        Map<String, String> values = new java.util.HashMap<>(MAIL);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    @Test
    @DisplayName("the Sent folder is off by default; set, uncertain sends are checked there, and Guichet's own copies are filed there only when asked")
    void sentFolder() {
        GuichetConfig.MailboxConfig off = valid(MAIL).mailbox().orElseThrow();
        assertThat(off.sentFolder()).isEmpty();
        assertThat(off.fileSentCopy()).isFalse();

        GuichetConfig.MailboxConfig checked = valid(withMail("GUICHET_IMAP_SENT_FOLDER", "Sent Items"))
                .mailbox().orElseThrow();
        assertThat(checked.sentFolder()).contains("Sent Items");
        assertThat(checked.fileSentCopy()).isFalse();

        GuichetConfig.MailboxConfig filed = valid(withMail("GUICHET_IMAP_SENT_FOLDER", "Sent",
                "GUICHET_MAIL_FILE_SENT_COPY", "TRUE")).mailbox().orElseThrow();
        assertThat(filed.fileSentCopy()).isTrue();
    }

    @Test
    @DisplayName("a wrong Sent folder setting is named with the accepted forms: true or false, a folder to file copies in, not the inbox")
    void sentFolderMistakes() {
        assertThat(invalid(withMail("GUICHET_IMAP_SENT_FOLDER", "Sent", "GUICHET_MAIL_FILE_SENT_COPY", "yes")))
                .containsExactly("GUICHET_MAIL_FILE_SENT_COPY: 'yes' is not one of true or false.");
        assertThat(invalid(withMail("GUICHET_MAIL_FILE_SENT_COPY", "true"))).containsExactly(
                "GUICHET_MAIL_FILE_SENT_COPY=true needs GUICHET_IMAP_SENT_FOLDER: the folder the copies are filed in.");
        assertThat(invalid(withMail("GUICHET_IMAP_SENT_FOLDER", "inbox"))).singleElement()
                .satisfies(p -> assertThat(p).startsWith("GUICHET_IMAP_SENT_FOLDER: 'inbox' is the folder read for new mail"));
    }

    @Test
    @DisplayName("R22: without GUICHET_MAILBOX_* the plain settings are the one mailbox, as before")
    void oneMailboxUnchanged() {
        GuichetConfig config = valid(MAIL);

        assertThat(config.mailboxes()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEmpty();
            assertThat(m.imap()).isEqualTo(config.mailbox());
            assertThat(m.smtp()).isEqualTo(config.smtp());
            assertThat(m.mail()).isEqualTo(config.mail().orElseThrow());
            assertThat(m.language()).isEmpty();
        });
        assertThat(valid(Map.of()).mailboxes()).isEmpty();
    }

    @Test
    @DisplayName("several mailboxes: each setting a mailbox gives replaces the plain one, the others fall back to it")
    void severalMailboxes() {
        GuichetConfig config = valid(pairs(
                "GUICHET_IMAP_HOST", "imap.example.com", "GUICHET_SMTP_HOST", "smtp.example.com",
                "GUICHET_SUPPORT_NAME", "Support",
                "GUICHET_MAILBOX_FR_IMAP_USER", "support-fr", "GUICHET_MAILBOX_FR_FROM", "support-fr@example.com",
                "GUICHET_MAILBOX_FR_FROM_NAME", "Assistance", "GUICHET_MAILBOX_FR_LANGUAGE", "fr",
                "GUICHET_MAILBOX_EN_IMAP_USER", "support-en", "GUICHET_MAILBOX_EN_FROM", "support-en@example.org",
                "GUICHET_MAILBOX_EN_SMTP_HOST", "smtp.example.org", "GUICHET_MAILBOX_EN_SMTP_PORT", "465"));

        assertThat(config.mailboxes()).extracting(GuichetConfig.MailboxSetup::name).containsExactly("EN", "FR");
        GuichetConfig.MailboxSetup en = config.mailboxes().get(0);
        GuichetConfig.MailboxSetup fr = config.mailboxes().get(1);
        assertThat(en.imap().orElseThrow().host()).isEqualTo("imap.example.com");
        assertThat(en.imap().orElseThrow().user()).isEqualTo("support-en");
        assertThat(en.smtp().orElseThrow().host()).isEqualTo("smtp.example.org");
        assertThat(en.smtp().orElseThrow().port()).isEqualTo(465);
        assertThat(en.mail().supportName()).isEqualTo("Support");
        assertThat(en.mail().messageIdDomain()).isEqualTo("example.org");
        assertThat(en.language()).isEmpty();
        assertThat(fr.smtp().orElseThrow().host()).isEqualTo("smtp.example.com");
        assertThat(fr.smtp().orElseThrow().port()).isEqualTo(587);
        assertThat(fr.mail().supportAddress().value()).isEqualTo("support-fr@example.com");
        assertThat(fr.mail().supportName()).isEqualTo("Assistance");
        assertThat(fr.language()).contains(io.guichet.core.account.Language.FR);
        assertThat(config.mail().orElseThrow().supportAddress().value()).as("the first mailbox for the commands")
                .isEqualTo("support-en@example.org");
        assertThat(ConfigReader.requireMailChannel(config)).isEmpty();
    }

    @Test
    @DisplayName("R22: a mailbox's unknown setting gets the one it was probably meant to be; bad values name the mailbox's keys")
    void mailboxRefusals() {
        assertThat(invalid(Map.of("GUICHET_MAILBOX_FR_IMAP_USR", "x", "GUICHET_MAILBOX_FR_FROM", "fr@example.com",
                "GUICHET_MAILBOX_FR_COLOUR", "blue", "GUICHET_MAILBOX_fr_FROM", "x@example.com")))
                .containsExactlyInAnyOrder(
                        "GUICHET_MAILBOX_FR_IMAP_USR is not a Guichet setting; did you mean GUICHET_MAILBOX_FR_IMAP_USER?",
                        "GUICHET_MAILBOX_FR_COLOUR is not a Guichet setting: a mailbox's settings are "
                                + String.join(", ", MailboxKeys.SETTINGS.keySet()) + " (after GUICHET_MAILBOX_FR_).",
                        "GUICHET_MAILBOX_fr_FROM is not a Guichet setting: a mailbox's setting is"
                                + " GUICHET_MAILBOX_<NAME>_<SETTING>, NAME in capital letters and digits, e.g."
                                + " GUICHET_MAILBOX_FR_IMAP_USER (docs/mail.md).");
        assertThat(invalid(Map.of("GUICHET_MAILBOX_FR_FROM", "fr@example.com", "GUICHET_MAILBOX_FR_IMAP_PORT", "99999",
                "GUICHET_MAILBOX_FR_LANGUAGE", "de", "GUICHET_MAILBOX_EN_IMAP_USER", "en")))
                .containsExactlyInAnyOrder(
                        "GUICHET_MAILBOX_FR_IMAP_PORT: '99999' is not a whole number between 1 and 65535.",
                        "GUICHET_MAILBOX_FR_LANGUAGE: 'de' is not one of en, fr.",
                        "GUICHET_MAILBOX_EN_FROM is missing: give the address mailbox EN answers from, e.g."
                                + " support-en@example.com.");
        assertThat(invalid(Map.of("GUICHET_IMAP_HOST", "imap.example.com", "GUICHET_IMAP_USER", "support",
                "GUICHET_MAILBOX_A_FROM", "support@example.com", "GUICHET_MAILBOX_B_FROM", "support@example.com")))
                .containsExactlyInAnyOrder(
                        "mailboxes A and B both answer from support@example.com: each mailbox needs its own address (_FROM).",
                        "mailboxes A and B both read INBOX of support@imap.example.com: give each its own _IMAP_USER"
                                + " (or _IMAP_HOST, _IMAP_FOLDER).");
        assertThat(ConfigReader.requireMailChannel(valid(Map.of("GUICHET_MAILBOX_FR_FROM", "fr@example.com"))))
                .containsExactly("mailbox FR: GUICHET_MAILBOX_FR_IMAP_HOST (or GUICHET_IMAP_HOST) is missing: name the"
                                + " IMAP server of the mailbox.",
                        "mailbox FR: GUICHET_MAILBOX_FR_SMTP_HOST (or GUICHET_SMTP_HOST) is missing: name the SMTP"
                                + " server its answers go through.");
    }

    @Test
    @DisplayName("a mailbox's setting in the --config file is read like in the environment, and a misspelt one is refused with its line")
    void mailboxKeysInTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("guichet.properties");
        java.nio.file.Files.writeString(file, "GUICHET_MAILBOX_FR_FROM=fr@example.com\nGUICHET_MAILBOX_FR_SMTP_HOTS=x\n");

        ConfigSource.Loaded.Values loaded = (ConfigSource.Loaded.Values) ConfigSource.load(Optional.of(file), Map.of());

        assertThat(loaded.problems()).containsExactly("--config " + file + " line 2: GUICHET_MAILBOX_FR_SMTP_HOTS is not"
                + " a Guichet setting; did you mean GUICHET_MAILBOX_FR_SMTP_HOST?");
        assertThat(loaded.values()).containsEntry("GUICHET_MAILBOX_FR_FROM", "fr@example.com");
    }

    private static Map<String, String> pairs(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
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

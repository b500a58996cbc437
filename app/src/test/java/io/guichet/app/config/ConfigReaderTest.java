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
                .contains("PT30S, PT4H or P7D"));
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

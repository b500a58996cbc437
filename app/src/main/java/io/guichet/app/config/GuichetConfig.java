package io.guichet.app.config;

import io.guichet.mail.TransportSecurity;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.policy.PolicySettings;
import io.guichet.discord.DiscordSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Guichet's whole configuration, validated. Built by {@link ConfigReader}. */
public record GuichetConfig(DatabaseConfig database,
                            Optional<MailboxConfig> mailbox,
                            Optional<SmtpConfig> smtp,
                            Optional<MailConfig> mail,
                            PolicySettings policy,
                            ServiceHours hours,
                            String calendarCron,
                            Optional<Integer> httpPort,
                            DiscordSettings discord) {

    /** Where the data lives: an external PostgreSQL, or the embedded one in {@code dataDirectory}. */
    public record DatabaseConfig(Optional<String> url, String user, String password, int poolSize, Path dataDirectory) {
        @Override
        public String toString() {
            return "DatabaseConfig[url=" + url.map(u -> u.replaceAll("\\?.*", "")).orElse("(embedded)") + ", user=" + user
                    + ", poolSize=" + poolSize + ", dataDirectory=" + dataDirectory + "]";
        }
    }

    /** The support mailbox read over IMAP. */
    public record MailboxConfig(String host, int port, TransportSecurity security, String user, String password,
                                String folder, Optional<String> processedFolder, String quarantineFolder,
                                Duration pollInterval, long maxMessageBytes, int workers, int maxAttempts) {
        @Override
        public String toString() {
            return "MailboxConfig[" + user + "@" + host + ":" + port + " " + security + " " + folder + "]";
        }
    }

    /** The SMTP server answers go through. */
    public record SmtpConfig(String host, int port, TransportSecurity security, Optional<String> user, String password) {
        @Override
        public String toString() {
            return "SmtpConfig[" + user.orElse("") + "@" + host + ":" + port + " " + security + "]";
        }
    }

    /** Who we are in mail. */
    public record MailConfig(EmailAddress supportAddress, String supportName, String messageIdDomain, String subjectTag,
                             Optional<String> trustedAuthservId, int autoReplyCap) {
    }
}

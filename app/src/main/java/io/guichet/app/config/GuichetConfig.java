package io.guichet.app.config;

import io.guichet.mail.TlsTrust;
import io.guichet.mail.TransportSecurity;
import io.guichet.mail.outbound.MailTemplates;
import io.guichet.mail.oauth.OAuthGrant;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.policy.PolicySettings;
import io.guichet.discord.DiscordSettings;
import io.guichet.app.logging.LogSetup;
import ch.qos.logback.classic.Level;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Guichet's whole configuration, validated. Built by {@link ConfigReader}. */
public record GuichetConfig(DatabaseConfig database,
                            Optional<MailboxConfig> mailbox,
                            Optional<SmtpConfig> smtp,
                            Optional<MailConfig> mail,
                            MailAccessConfig mailAccess,
                            PolicySettings policy,
                            ServiceHours hours,
                            String calendarCron,
                            Optional<Integer> httpPort,
                            DiscordSettings discord,
                            Operations operations,
                            List<MailboxSetup> mailboxes,
                            Optional<WebConfig> web) {

    public GuichetConfig {
        mailboxes = List.copyOf(mailboxes);
    }

    /**
     * One support address the node reads and answers from: from the plain settings (name empty: the one mailbox of
     * a node without GUICHET_MAILBOX_* settings), or GUICHET_MAILBOX_NAME_* falling back to them.
     *
     * @param language the language of a mail whose own cannot be told (empty: English)
     */
    public record MailboxSetup(String name, Optional<MailboxConfig> imap, Optional<SmtpConfig> smtp, MailConfig mail,
                               Optional<io.guichet.core.account.Language> language) {
        /** How logs, health and metrics name it: its address. */
        public String label() {
            return mail.supportAddress().value();
        }
    }

    /**
     * The customers' web pages (when {@code GUICHET_WEB_PORT} is not off): where they listen, the address customers
     * reach them at, the links' secret (empty: the one stored in the database) and how long a link works.
     */
    public record WebConfig(int port, InetAddress bind, Optional<java.net.URI> baseUrl, Optional<String> secret,
                            Duration linkValidity, Optional<String> featureRequests) {
        @Override
        public String toString() {
            return "WebConfig[" + bind.getHostAddress() + ":" + port + " " + baseUrl.map(Object::toString).orElse("")
                    + " secret " + (secret.isPresent() ? "set" : "stored") + " " + linkValidity + "]";
        }
    }

    /** How the node is run and watched: the health server's address, the logs. */
    public record Operations(InetAddress httpBind, LogSetup.Format logFormat, Level logLevel) {
    }

    /** Where the data lives: an external PostgreSQL, or the embedded one in {@code dataDirectory}. */
    public record DatabaseConfig(Optional<String> url, String user, String password, int poolSize, Path dataDirectory) {
        @Override
        public String toString() {
            return "DatabaseConfig[url=" + url.map(u -> u.replaceAll("\\?.*", "")).orElse("(embedded)") + ", user=" + user
                    + ", poolSize=" + poolSize + ", dataDirectory=" + dataDirectory + "]";
        }
    }

    /** How Guichet logs in to a mail server. */
    public enum AuthMethod {
        /** The user's password (SMTP: no login at all when no user is set). */
        PASSWORD,
        /** SASL XOAUTH2 with an access token of {@link MailAccessConfig#oauth()}. */
        OAUTH2
    }

    /**
     * The support mailbox read over IMAP.
     *
     * @param sentFolder   where uncertain sends are looked up by Message-ID (empty: they are not checked)
     * @param fileSentCopy whether Guichet files a copy of each answer in {@code sentFolder}
     */
    public record MailboxConfig(String host, int port, TransportSecurity security, String user, String password,
                                String folder, Optional<String> processedFolder, String quarantineFolder,
                                Duration pollInterval, long maxMessageBytes, int workers, AuthMethod auth,
                                int maxAttempts, Optional<String> sentFolder, boolean fileSentCopy) {
        @Override
        public String toString() {
            return "MailboxConfig[" + user + "@" + host + ":" + port + " " + security + " " + auth + " " + folder + "]";
        }
    }

    /** The SMTP server answers go through. */
    public record SmtpConfig(String host, int port, TransportSecurity security, Optional<String> user, String password,
                             AuthMethod auth, Duration retryWindow) {
        @Override
        public String toString() {
            return "SmtpConfig[" + user.orElse("") + "@" + host + ":" + port + " " + security + " " + auth + "]";
        }
    }

    /**
     * What IMAP and SMTP share: the certificates trusted for TLS, and where OAuth2 tokens come from (present when
     * either logs in with OAuth2).
     */
    public record MailAccessConfig(TlsTrust trust, Optional<OAuthGrant> oauth) {
    }

    /** Who we are in mail. */
    public record MailConfig(EmailAddress supportAddress, String supportName, String messageIdDomain, String subjectTag,
                             Optional<String> trustedAuthservId, int autoReplyCap, MailTemplates templates) {
    }
}

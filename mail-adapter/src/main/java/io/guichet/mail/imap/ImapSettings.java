package io.guichet.mail.imap;

import io.guichet.mail.MailLogin;
import io.guichet.mail.TlsTrust;
import io.guichet.mail.TransportSecurity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach and work the support mailbox.
 *
 * @param trust           what the server's certificate must chain to (with TLS or STARTTLS; its host name is always
 *                        checked)
 * @param login           a password, or OAuth2 (SASL XOAUTH2)
 * @param processedFolder where handled mail is moved; when empty, handled mail stays in {@code folder} and is
 *                        flagged {@code \Seen} and {@link #PROCESSED_KEYWORD} instead
 * @param idleRenewal     an IDLE is re-issued at least this often (at most 10 minutes: servers drop idle clients
 *                        after 30, and NATs sooner)
 * @param pollInterval    how often the folder is polled by UID even while IDLE, as a safety net (IDLE may surface
 *                        nothing when the connection dies) and to retry mail that asked for it
 * @param batchSize       messages read per round: the next {@code batchSize} UIDs, their sizes and a few headers in
 *                        one round trip, their bodies in as few as {@code maxMessageBytes} allows
 * @param maxMessageBytes larger messages are not downloaded: they go to {@code MailHandler.oversize}; also the most
 *                        bytes of bodies downloaded at once (one chunk of a batch)
 * @param workers         messages of a batch handled at once, each on a thread of its own; the messages of one sender
 *                        are always handled one after the other, in UID order (1: all in UID order on the watcher's
 *                        own thread)
 */
public record ImapSettings(String host, int port, TransportSecurity security, TlsTrust trust, MailLogin login, String folder,
                           Optional<String> processedFolder, String quarantineFolder, Duration connectTimeout,
                           Duration readTimeout, Duration writeTimeout, Duration idleRenewal, Duration pollInterval,
                           int batchSize, long maxMessageBytes, int workers) {

    /** The keyword set on handled mail when there is no processed folder. */
    public static final String PROCESSED_KEYWORD = "$GuichetProcessed";

    /** The longest allowed {@link #idleRenewal}. */
    public static final Duration MAX_IDLE_RENEWAL = Duration.ofMinutes(10);

    public ImapSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(processedFolder, "processedFolder");
        Objects.requireNonNull(quarantineFolder, "quarantineFolder");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(writeTimeout, "writeTimeout");
        requirePositive(idleRenewal, "idleRenewal");
        requirePositive(pollInterval, "pollInterval");
        if (idleRenewal.compareTo(MAX_IDLE_RENEWAL) > 0) {
            throw new IllegalArgumentException("idleRenewal must be at most " + MAX_IDLE_RENEWAL + ", was " + idleRenewal);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
        if (processedFolder.filter(p -> p.equals(folder) || p.equals(quarantineFolder)).isPresent()) {
            throw new IllegalArgumentException("processedFolder must differ from folder and quarantineFolder");
        }
        if (quarantineFolder.equals(folder)) {
            throw new IllegalArgumentException("quarantineFolder must differ from folder");
        }
    }

    /**
     * Sensible defaults for a mailbox: INBOX, flagging instead of moving, a {@code Quarantine} folder, 30 s
     * timeouts, IDLE renewed every 9 minutes, a poll every minute, batches of 100, mail up to 25 MB, 4 workers.
     */
    public static ImapSettings defaults(String host, int port, TransportSecurity security, TlsTrust trust,
                                        MailLogin login) {
        return new ImapSettings(host, port, security, trust, login, "INBOX", Optional.empty(), "Quarantine",
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(9),
                Duration.ofMinutes(1), 100, 25L * 1024 * 1024, 4);
    }

    /** The defaults, logging in with a password and trusting the JDK's CAs. */
    public static ImapSettings defaults(String host, int port, TransportSecurity security, String user, String password) {
        return defaults(host, port, security, TlsTrust.system(), new MailLogin.Password(user, password));
    }

    /** The account logged in as. */
    public String user() {
        return login.user();
    }

    /** The name under which the mailbox is locked and its position stored: {@code user@host/folder}. */
    public String mailboxName() {
        return user() + "@" + host + "/" + folder;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ImapSettings[" + security + " " + mailboxName() + ":" + port + ", "
                + (login instanceof MailLogin.OAuth2 ? "OAuth2" : "password") + ", processed="
                + processedFolder.orElse("(flag " + PROCESSED_KEYWORD + ")") + ", quarantine=" + quarantineFolder + "]";
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}

package io.guichet.mail.imap;

import io.guichet.mail.MailLogin;
import io.guichet.mail.TlsTrust;
import io.guichet.mail.TransportSecurity;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** A real GreenMail IMAP server on a free port with the support mailbox, and ways to deliver and look. */
final class MailboxFixture implements AutoCloseable {

    static final String LOGIN = "support";
    static final String PASSWORD = "secret";

    final GreenMail greenMail;
    final GreenMailUser user;

    MailboxFixture() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        user = greenMail.setUser("support@guichet.test", LOGIN, PASSWORD);
    }

    int port() {
        return greenMail.getImap().getPort();
    }

    /** Settings for this server: short timeouts and poll, moving handled mail to {@code processed} if given. */
    ImapSettings settings(int port, Optional<String> processed, Duration pollInterval, long maxBytes) {
        return settings(port, processed, pollInterval, maxBytes, 100);
    }

    ImapSettings settings(int port, Optional<String> processed, Duration pollInterval, long maxBytes, int batchSize) {
        return settings(port, processed, pollInterval, maxBytes, batchSize, 1);
    }

    ImapSettings settings(int port, Optional<String> processed, Duration pollInterval, long maxBytes, int batchSize,
                          int workers) {
        return new ImapSettings("127.0.0.1", port, TransportSecurity.NONE, TlsTrust.system(),
                new MailLogin.Password(LOGIN, PASSWORD), "INBOX", processed,
                "Quarantine", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMinutes(9), pollInterval, batchSize, maxBytes, workers);
    }

    ImapSettings settings(Optional<String> processed, Duration pollInterval) {
        return settings(port(), processed, pollInterval, 1_000_000);
    }

    void deliver(String subject) {
        deliver(subject, "Bonjour,\nle serveur ne répond plus.\n");
    }

    void deliver(String subject, String body) {
        deliverFrom("customer@acme.example", subject, body);
    }

    void deliverFrom(String from, String subject, String body) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(from);
            m.setRecipients(Message.RecipientType.TO, "support@guichet.test");
            m.setSubject(subject, "UTF-8");
            m.setText(body, "UTF-8");
            m.saveChanges();
            user.deliver(m);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers a message byte for byte as written (its Message-ID and headers untouched). */
    void deliverRaw(String raw) {
        try {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new java.io.ByteArrayInputStream(raw.replace("\r\n", "\n").replace("\n", "\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes and expunges a message from INBOX on the server side, as another mail client would. */
    void remove(String subject) {
        MailFolder inbox = folder("INBOX");
        StoredMessage message = find("INBOX", subject).orElseThrow();
        try {
            inbox.setFlags(new Flags(Flags.Flag.DELETED), true, message.getUid(), null, false);
            inbox.expunge();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    MailFolder folder(String name) {
        try {
            return "INBOX".equals(name)
                    ? greenMail.getManagers().getImapHostManager().getInbox(user)
                    : greenMail.getManagers().getImapHostManager().getFolder(user, name);
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The subjects in a folder, in UID order, empty when it does not exist; GreenMail's store is read while the
     * watcher changes it, so a read may be retried.
     */
    List<String> subjects(String name) {
        for (int attempt = 1; ; attempt++) {
            MailFolder folder = folder(name);
            if (folder == null) {
                return List.of();
            }
            try {
                return folder.getMessages().stream().map(MailboxFixture::subject).toList();
            } catch (java.util.ConcurrentModificationException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    Optional<StoredMessage> find(String folderName, String subject) {
        MailFolder folder = folder(folderName);
        return folder == null ? Optional.empty()
                : folder.getMessages().stream().filter(m -> subject(m).equals(subject)).findFirst();
    }

    static boolean seen(StoredMessage m) {
        return m.getFlags().contains(Flags.Flag.SEEN);
    }

    private static String subject(StoredMessage m) {
        try {
            return m.getMimeMessage().getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}

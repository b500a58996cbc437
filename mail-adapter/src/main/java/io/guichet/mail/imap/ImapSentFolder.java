package io.guichet.mail.imap;

import io.guichet.mail.smtp.SentCopies;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The support mailbox's Sent folder over IMAP: looks an uncertain send up by Message-ID ({@code SEARCH HEADER
 * Message-ID <id>}) and, when {@code fileCopies}, files a copy of each mail the SMTP server took ({@code APPEND},
 * flagged seen), for servers that do not file submitted mail themselves (Microsoft 365 and Gmail do). One connection is
 * kept between uses and opened again when it fails; a failure to reach the server makes a look-up
 * {@link SentCopies.Unchecked}, never an error of the send.
 */
public final class ImapSentFolder implements SentCopies, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImapSentFolder.class);

    private final ImapSettings settings;
    private final String folderName;
    private final boolean fileCopies;
    private ImapConnection connection;

    public ImapSentFolder(ImapSettings settings, String folderName, boolean fileCopies) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.folderName = Objects.requireNonNull(folderName, "folderName");
        if (folderName.isBlank()) {
            throw new IllegalArgumentException("the Sent folder's name is empty");
        }
        this.fileCopies = fileCopies;
    }

    @Override
    public synchronized Lookup find(String messageId) {
        for (int attempt = 1; ; attempt++) {
            try {
                IMAPFolder folder = connection().folder(folderName);
                if (!folder.exists()) {
                    return new Unchecked("the Sent folder " + folderName + " does not exist");
                }
                folder.open(Folder.READ_ONLY);
                try {
                    Message[] found = folder.search(new HeaderTerm("Message-ID", messageId));
                    return found.length > 0 ? new Found(folderName) : new Absent(folderName);
                } finally {
                    closeQuietly(folder);
                }
            } catch (MessagingException | RuntimeException e) {
                dropConnection();
                if (attempt == 2) {
                    return new Unchecked("searching " + folderName + " failed: " + e);
                }
            }
        }
    }

    @Override
    public synchronized void file(MimeMessage sent) {
        if (!fileCopies) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                ImapConnection imap = connection();
                imap.ensureFolder(folderName);
                sent.setFlag(Flags.Flag.SEEN, true);
                imap.folder(folderName).appendMessages(new Message[] {sent});
                return;
            } catch (MessagingException | RuntimeException e) {
                dropConnection();
                if (attempt == 2) {
                    log.warn("filing a copy of a sent mail in {} failed: {}", folderName, e.toString());
                    return;
                }
            }
        }
    }

    /** Whether a copy of each sent mail is filed by Guichet. */
    public boolean filesCopies() {
        return fileCopies;
    }

    @Override
    public synchronized void close() {
        dropConnection();
    }

    private ImapConnection connection() throws MessagingException {
        if (connection == null) {
            connection = ImapConnection.open(settings, Optional.<PrintStream>empty());
        }
        return connection;
    }

    private void dropConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private static void closeQuietly(Folder folder) {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing {} failed: {}", folder.getFullName(), e.toString());
        }
    }
}

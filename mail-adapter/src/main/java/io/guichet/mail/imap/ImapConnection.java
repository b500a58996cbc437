package io.guichet.mail.imap;

import io.guichet.mail.ServerLogin;
import io.guichet.mail.TransportSecurity;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * One connected IMAP store, with timeouts always set and peek mode on, and what the server can do. Logged in with an
 * OAuth2 token, it knows when that token stops being fresh: the session is to be renewed by then.
 */
final class ImapConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImapConnection.class);

    private final IMAPStore store;
    private final boolean idle;
    private final boolean move;
    private final boolean uidPlus;
    /** System.nanoTime() by which to log in again (the token's renewal time), when logged in with a token. */
    private final Optional<Long> renewBy;

    private ImapConnection(IMAPStore store, Optional<Duration> loginFreshFor) throws MessagingException {
        this.store = store;
        this.idle = store.hasCapability("IDLE");
        this.move = store.hasCapability("MOVE");
        this.uidPlus = store.hasCapability("UIDPLUS");
        long now = System.nanoTime();
        this.renewBy = loginFreshFor.map(d -> now + d.toNanos());
    }

    static ImapConnection open(ImapSettings settings, Optional<PrintStream> trace) throws MessagingException {
        String protocol = settings.security() == TransportSecurity.TLS ? "imaps" : "imap";
        Session session = Session.getInstance(properties(settings, protocol));
        trace.ifPresent(out -> {
            session.setDebugOut(out);
            session.setDebug(true);
        });
        IMAPStore store = (IMAPStore) session.getStore(protocol);
        Optional<Duration> freshFor = ServerLogin.logIn(settings.login(), "IMAP",
                (user, secret) -> store.connect(settings.host(), settings.port(), user, secret));
        try {
            return new ImapConnection(store, freshFor);
        } catch (MessagingException e) {
            closeQuietly(store);
            throw e;
        }
    }

    static Properties properties(ImapSettings settings, String protocol) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(p + "connectiontimeout", millis(settings.connectTimeout()));
        props.setProperty(p + "timeout", millis(settings.readTimeout()));
        props.setProperty(p + "writetimeout", millis(settings.writeTimeout()));
        // reading a message must never set \Seen; one FETCH for the whole message, not 16 KB slices
        props.setProperty(p + "peek", "true");
        props.setProperty(p + "partialfetch", "false");
        switch (settings.security()) {
            case NONE -> {
            }
            case STARTTLS -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true");
                settings.trust().applyTo(props, p);
            }
            case TLS -> {
                props.setProperty(p + "ssl.enable", "true");
                settings.trust().applyTo(props, p);
            }
        }
        settings.login().applyTo(props, p);
        return props;
    }

    /** How long until the session should be renewed because its token stops being fresh; empty with a password. */
    Optional<Duration> untilRenewal() {
        return renewBy.map(deadline -> Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    boolean supportsIdle() {
        return idle;
    }

    boolean supportsMove() {
        return move;
    }

    boolean supportsUidPlus() {
        return uidPlus;
    }

    /** Creates the folder when it does not exist yet. */
    void ensureFolder(String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            if (!folder.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("could not create folder " + name);
            }
            log.info("created IMAP folder {}", name);
        }
    }

    IMAPFolder openReadWrite(String name) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        folder.open(Folder.READ_WRITE);
        return folder;
    }

    /** The folder {@code name}, not opened. */
    IMAPFolder folder(String name) throws MessagingException {
        return (IMAPFolder) store.getFolder(name);
    }

    @Override
    public void close() {
        closeQuietly(store);
    }

    private static void closeQuietly(IMAPStore store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing the IMAP store failed: {}", e.toString());
        }
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }
}

package io.guichet.mail.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.io.OutputStream;

/**
 * An SMTP connection that knows whether the last send reached the DATA command: a connection lost before it cannot
 * have delivered the mail; lost after it, the server may have taken the mail (an uncertain send).
 */
final class DataTrackingTransport extends SMTPTransport {

    private volatile boolean dataGiven;

    DataTrackingTransport(Session session) {
        super(session, new URLName("smtp", null, -1, null, null, null));
    }

    @Override
    public synchronized void sendMessage(jakarta.mail.Message message, jakarta.mail.Address[] addresses)
            throws MessagingException {
        dataGiven = false;
        super.sendMessage(message, addresses);
    }

    @Override
    protected OutputStream data() throws MessagingException {
        // set before the command goes out: a connection lost while waiting for its reply may have passed it
        dataGiven = true;
        return super.data();
    }

    /** Whether the last {@link #sendMessage} went as far as the DATA command. */
    boolean dataGiven() {
        return dataGiven;
    }
}

package io.guichet.mail.testing;

import io.guichet.core.mail.MailPosition;
import io.guichet.mail.inbound.Envelope;
import io.guichet.mail.inbound.MailHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler that records the subject of each mail handled, for tests of the connection rather than the intake. */
public final class SubjectRecorder implements MailHandler {

    private final List<String> subjects = new CopyOnWriteArrayList<>();

    /** The subjects handled so far, in order. */
    public List<String> subjects() {
        return List.copyOf(subjects);
    }

    @Override
    public Handled handle(byte[] raw, MailPosition position) {
        try {
            subjects.add(new MimeMessage(null, new ByteArrayInputStream(raw)).getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return new Handled.Processed("ok");
    }

    @Override
    public Handled oversize(MailPosition position, Envelope envelope) {
        return new Handled.Quarantined("too large");
    }

    @Override
    public Handled failed(MailPosition position, Envelope envelope, String reason) {
        return new Handled.RetryLater(reason);
    }
}

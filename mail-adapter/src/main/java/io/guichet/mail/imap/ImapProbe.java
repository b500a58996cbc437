package io.guichet.mail.imap;

import io.guichet.mail.ConnectionFailure;
import jakarta.mail.MessagingException;

import java.util.Optional;

/** Logs in to the mailbox once and out again, reading nothing: for {@code guichet check}. */
public final class ImapProbe {

    private ImapProbe() {
    }

    /** Empty when the login worked, else why it failed (one line, no secret). */
    public static Optional<String> login(ImapSettings settings) {
        try {
            ImapConnection connection = ImapConnection.open(settings, Optional.empty());
            connection.close();
            return Optional.empty();
        } catch (MessagingException | RuntimeException e) {
            return Optional.of(ConnectionFailure.describe(e));
        }
    }
}

package io.guichet.mail.smtp;

import io.guichet.mail.ConnectionFailure;
import io.guichet.mail.ServerLogin;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import java.util.Optional;

/**
 * Connects to the SMTP server as the outbox does (EHLO, STARTTLS or TLS, AUTH) and says QUIT, sending no mail: for
 * {@code guichet check}.
 */
public final class SmtpProbe {

    private SmtpProbe() {
    }

    /** Empty when the server took the connection (and the login), else why not (one line, no secret). */
    public static Optional<String> connect(SmtpSettings settings) {
        try {
            Transport transport = Session.getInstance(SmtpOutboxDispatcher.properties(settings)).getTransport("smtp");
            if (settings.login().isPresent()) {
                ServerLogin.logIn(settings.login().get(), "SMTP",
                        (user, secret) -> transport.connect(settings.host(), settings.port(), user, secret));
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
            transport.close();
            return Optional.empty();
        } catch (MessagingException | RuntimeException e) {
            return Optional.of(ConnectionFailure.describe(e));
        }
    }
}

package io.guichet.mail.smtp;

import io.guichet.mail.MailLogin;
import io.guichet.mail.TlsTrust;
import io.guichet.mail.TransportSecurity;
import io.guichet.core.account.EmailAddress;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the SMTP relay and work the outbox.
 *
 * @param trust        what the relay's certificate must chain to (with TLS or STARTTLS; its host name is always
 *                     checked)
 * @param login        when present the relay is logged in to, with a password or OAuth2 (SASL XOAUTH2)
 * @param fromAddress  our address, in {@code From} and as the envelope sender
 * @param fromName     the display name in {@code From}
 * @param batchSize    mails claimed and sent over one connection
 * @param lease        how long claimed mails stay hidden from other senders; a running dispatcher renews the claims
 *                     it still holds every third of it, so after a crash the mail comes back within one lease
 * @param pollInterval how often the outbox is looked at when nobody calls {@code wakeUp()}
 */
public record SmtpSettings(String host, int port, TransportSecurity security, TlsTrust trust,
                           Optional<MailLogin> login, EmailAddress fromAddress, String fromName,
                           Duration connectTimeout, Duration readTimeout, Duration writeTimeout, int batchSize,
                           Duration lease, Duration pollInterval, RetryPolicy retry) {

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(fromAddress, "fromAddress");
        Objects.requireNonNull(fromName, "fromName");
        Objects.requireNonNull(retry, "retry");
        for (Duration d : new Duration[] {connectTimeout, readTimeout, writeTimeout, lease, pollInterval}) {
            Objects.requireNonNull(d, "durations");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts, lease and pollInterval must be positive, was " + d);
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
    }

    /** Defaults: 30 s timeouts, batches of 50, a 10-second lease (renewed while held), a poll every 5 s, the standard retry policy. */
    public static SmtpSettings defaults(String host, int port, TransportSecurity security, TlsTrust trust,
                                       Optional<MailLogin> login, EmailAddress fromAddress, String fromName) {
        return new SmtpSettings(host, port, security, trust, login, fromAddress, fromName, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 50, Duration.ofSeconds(10), Duration.ofSeconds(5),
                RetryPolicy.standard());
    }

    /** These settings with another retry policy. */
    public SmtpSettings withRetry(RetryPolicy newRetry) {
        return new SmtpSettings(host, port, security, trust, login, fromAddress, fromName, connectTimeout, readTimeout,
                writeTimeout, batchSize, lease, pollInterval, newRetry);
    }

    /** Never shows the password or token. */
    @Override
    public String toString() {
        return "SmtpSettings[" + security + " " + host + ":" + port + login.map(l -> " as " + l).orElse("")
                + ", from " + fromAddress + ", batch " + batchSize + ", " + retry + "]";
    }
}

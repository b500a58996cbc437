package io.guichet.mail.smtp;

import io.guichet.core.mail.MessageId;
import io.guichet.mail.headers.HeaderValues;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which SMTP failures are final, the retry schedule, and header-safe text. */
class SmtpFailuresTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    @DisplayName("a recipient refused with 5xx is abandoned at once")
    void refusedRecipientIsPermanent() throws Exception {
        InternetAddress bob = new InternetAddress("bob@acme.example");
        SMTPAddressFailedException rcpt = new SMTPAddressFailedException(bob, "RCPT TO:<bob@acme.example>", 550,
                "550 5.1.1 no such user");
        SendFailedException e = new SendFailedException("Invalid Addresses", rcpt, new Address[0],
                new Address[0], new Address[] {bob});

        assertThat(SmtpOutboxDispatcher.isPermanent(e)).isTrue();
    }

    @Test
    @DisplayName("a message refused with 5xx after DATA is permanent; 4xx, sender refusals and I/O errors are retried")
    void otherFailures() {
        Address[] none = new Address[0];
        assertThat(SmtpOutboxDispatcher.isPermanent(
                new SMTPSendFailedException("DATA", 554, "554 5.7.1 rejected", null, none, none, none))).isTrue();
        assertThat(SmtpOutboxDispatcher.isPermanent(
                new SMTPSendFailedException("DATA", 451, "451 4.3.0 try later", null, none, none, none))).isFalse();
        assertThat(SmtpOutboxDispatcher.isPermanent(
                new SMTPSenderFailedException(new InternetAddressOrNull().get(), "MAIL FROM", 553, "553 no")))
                .isFalse();
        assertThat(SmtpOutboxDispatcher.isPermanent(new MessagingException("Could not connect", new IOException())))
                .isFalse();
    }

    @Test
    @DisplayName("retries come after 30 s, 1 min, 2 min... capped at 15 min, for two days after the first failure")
    void retrySchedule() {
        RetryPolicy policy = RetryPolicy.standard();
        assertThat(policy.nextAttempt(1, NOW)).contains(NOW.plusSeconds(30));
        assertThat(policy.nextAttempt(2, NOW)).contains(NOW.plusSeconds(60));
        assertThat(policy.nextAttempt(3, NOW)).contains(NOW.plusSeconds(120));
        assertThat(policy.nextAttempt(7, NOW)).contains(NOW.plus(Duration.ofMinutes(15)));
        assertThat(policy.span()).isBetween(Duration.ofDays(2).minusMinutes(15), Duration.ofDays(2));
        assertThat(policy.nextAttempt(policy.maxAttempts() - 1, NOW)).isPresent();
        assertThat(policy.nextAttempt(policy.maxAttempts(), NOW)).isEmpty();
        RetryPolicy longer = new RetryPolicy(20, Duration.ofSeconds(30), Duration.ofHours(1));
        assertThat(longer.nextAttempt(19, NOW)).contains(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("a retry window shorter than the first delay abandons at the first failure; a day's outage is covered")
    void retryWindows() {
        assertThat(RetryPolicy.within(Duration.ofSeconds(1)).maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.within(Duration.ofSeconds(90)).span()).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryPolicy.within(Duration.ofHours(26)).span()).isGreaterThan(Duration.ofHours(25));
    }

    @Test
    @DisplayName("header text loses CR, LF, tabs and control characters; Message-IDs also lose brackets and spaces")
    void headerText() {
        assertThat(HeaderValues.safe("Hello\r\nBcc: x@y.z")).isEqualTo("Hello Bcc: x@y.z");
        assertThat(HeaderValues.safe("  a\tb\u0000c\u0007d\u2028e\u202Ef  ")).isEqualTo("a b c d ef");
        assertThat(HeaderValues.safe(null)).isEmpty();
        assertThat(HeaderValues.safe("Accusé de réception 🎫")).isEqualTo("Accusé de réception 🎫");
        assertThat(MessageId.parse(" <abc@x.y>\r\nBcc: z ").flatMap(HeaderValues::messageId)).contains("<abc@x.y>");
    }

    @Test
    @DisplayName("an error recorded in the outbox is one short line")
    void shortErrors() {
        MessagingException e = new MessagingException("Could not connect\nto host", new IOException("refused"));
        String text = SmtpOutboxDispatcher.describe(e);
        assertThat(text).isEqualTo("MessagingException: Could not connect to host (refused)");
        assertThat(SmtpOutboxDispatcher.describe(new MessagingException("x".repeat(1000)))).hasSize(300);
    }

    /** The sender address of a refused MAIL FROM. */
    private static final class InternetAddressOrNull {
        InternetAddress get() {
            try {
                return new InternetAddress("support@guichet.test");
            } catch (jakarta.mail.internet.AddressException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

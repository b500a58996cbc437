package io.guichet.mail.inbound;

import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.Quarantine;
import io.guichet.core.mail.QuarantinedMail;
import io.guichet.mail.inbound.MailHandler.Handled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link MailHandler} keeps, which the mailbox watcher relies on: it never throws; the same mail
 * is handled once; any failure of a mail (errors included) is one attempt, counted durably; at the third attempt the
 * mail is quarantined with its Message-ID, sender, subject, size and reason recorded; later mail of the same sender
 * is handled. Run against every implementation, each built with 3 attempts.
 */
public abstract class MailHandlerContract {

    protected static final String MAILBOX = "support@imap.example/INBOX";
    protected static final int ATTEMPTS = 3;

    /** A handler on this test's storage; a new one on the same storage stands for a restart. */
    protected abstract MailHandler handler();

    /** From now on, handling any mail whose subject contains {@code marker} fails with {@code failure}, every time. */
    protected abstract void failWhenSubjectContains(String marker, Supplier<? extends Throwable> failure);

    protected abstract Quarantine quarantine();

    @Test
    @DisplayName("R2: a mail is handled once: the same mail at the same position again is processed and changes nothing")
    void handledOnce() {
        byte[] raw = mail("Agents offline", "once@acme.example");
        MailPosition at = position(1);

        assertThat(handler().handle(raw, at)).isInstanceOf(Handled.Processed.class);
        assertThat(handler().handle(raw, at)).isEqualTo(new Handled.Processed("already handled"));
        assertThat(quarantine().count()).isZero();
    }

    @Test
    @DisplayName("a mail that always fails is retried, counted across a restart, and quarantined at the third attempt with what identifies it")
    void poisonIsQuarantined() {
        failWhenSubjectContains("poison", () -> new IllegalStateException("relation \"tickets\" does not exist"));
        byte[] raw = mail("Console poison", "poison@acme.example");
        MailPosition at = position(5);

        assertThat(handler().handle(raw, at)).isInstanceOf(Handled.RetryLater.class);
        assertThat(handler().handle(raw, at)).as("after a restart, the count goes on")
                .isInstanceOf(Handled.RetryLater.class);
        Handled third = handler().handle(raw, at);

        assertThat(third).isInstanceOf(Handled.Quarantined.class);
        assertThat(((Handled.Quarantined) third).reason()).contains("3 times").contains("IllegalStateException")
                .as("no message of the failure (it may hold SQL)").doesNotContain("relation");
        QuarantinedMail kept = quarantine().list(10).getFirst();
        assertThat(kept.position()).isEqualTo(at);
        assertThat(kept.messageId()).contains(MessageId.of("poison@acme.example"));
        assertThat(kept.sender()).isEqualTo("bob@acme.example");
        assertThat(kept.subject()).isEqualTo("Console poison");
        assertThat(kept.size()).isEqualTo(raw.length);
        assertThat(kept.reason()).isEqualTo(((Handled.Quarantined) third).reason());

        assertThat(handler().handle(mail("Agents offline", "after@acme.example"), position(6)))
                .as("later mail from the same sender is handled").isInstanceOf(Handled.Processed.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"OutOfMemoryError", "StackOverflowError"})
    @DisplayName("an Error while handling a mail is a failed attempt like an exception: it is never thrown to the watcher")
    void errorsCount(String error) {
        failWhenSubjectContains("heavy", () -> error.equals("OutOfMemoryError")
                ? new OutOfMemoryError("Java heap space") : new StackOverflowError());
        byte[] raw = mail("A heavy one", "heavy@acme.example");

        for (int attempt = 1; attempt < ATTEMPTS; attempt++) {
            assertThat(handler().handle(raw, position(7))).isInstanceOf(Handled.RetryLater.class);
        }
        assertThat(handler().handle(raw, position(7))).isInstanceOf(Handled.Quarantined.class);
        assertThat(quarantine().list(10)).singleElement().satisfies(q -> assertThat(q.reason()).contains(error));
    }

    @Test
    @DisplayName("a failure reported from outside (the body could not be downloaded) counts like a failure inside")
    void reportedFailuresCount() {
        Envelope envelope = new Envelope(Optional.of(MessageId.of("gone@acme.example")), "bob@acme.example", "Unreadable", 1234);
        MailPosition at = position(9);

        assertThat(handler().failed(at, envelope, "could not be downloaded")).isInstanceOf(Handled.RetryLater.class);
        assertThat(handler().failed(at, envelope, "could not be downloaded")).isInstanceOf(Handled.RetryLater.class);
        assertThat(handler().failed(at, envelope, "could not be downloaded")).isInstanceOf(Handled.Quarantined.class);

        assertThat(quarantine().list(10)).singleElement().satisfies(q -> {
            assertThat(q.subject()).isEqualTo("Unreadable");
            assertThat(q.size()).isEqualTo(1234);
            assertThat(q.reason()).contains("could not be downloaded");
        });
    }

    @Test
    @DisplayName("unreadable and oversize mail is quarantined at once, with its reason")
    void quarantinedAtOnce() {
        assertThat(handler().handle("this is not a mail at all".getBytes(StandardCharsets.UTF_8), position(11)))
                .isInstanceOf(Handled.Quarantined.class);
        assertThat(handler().oversize(position(12), new Envelope(Optional.of(MessageId.of("big@acme.example")), "bob@acme.example",
                "Huge", 80_000_000L))).isInstanceOf(Handled.Quarantined.class);

        assertThat(quarantine().list(10)).extracting(QuarantinedMail::subject).contains("Huge");
        assertThat(quarantine().list(10)).filteredOn(q -> q.subject().equals("Huge")).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("over the size limit"));
    }

    protected static MailPosition position(long uid) {
        return new MailPosition(MAILBOX, 42, uid);
    }

    /** A request from bob@acme.example, a contact of a covered account. */
    protected static byte[] mail(String subject, String messageId) {
        return ("""
                From: Bob <bob@acme.example>
                To: support@guichet.example
                Subject: %s
                Message-ID: <%s>
                Date: Mon, 2 Mar 2026 09:00:00 +0000
                Content-Type: text/plain; charset=UTF-8

                Hello,

                The console does not open.

                Severity: 3
                """.formatted(subject, messageId)).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}

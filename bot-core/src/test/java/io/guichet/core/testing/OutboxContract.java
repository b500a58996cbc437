package io.guichet.core.testing;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.mail.Outbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link Outbox}, run against every backend. */
public abstract class OutboxContract {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private Outbox outbox;

    /** A fresh, empty outbox for each test. */
    protected abstract Outbox outbox();

    @BeforeEach
    void setUpOutbox() {
        outbox = outbox();
    }

    private static OutgoingMail mail(String id, Instant createdAt) {
        return new OutgoingMail(0, Optional.empty(), MessageId.of(id), new EmailAddress("alice@acme.example"), "Alice",
                "Subject", "Body", Optional.of(MessageId.of("parent@acme.example")),
                List.of(MessageId.of("a@x.y"), MessageId.of("b@x.y")), true, createdAt, 0);
    }

    @Test
    @DisplayName("due mails are claimed oldest first, up to the limit, with everything they were given")
    void claimsOldestFirst() {
        outbox.enqueue(mail("second@guichet.test", T0.plusSeconds(1)));
        outbox.enqueue(mail("first@guichet.test", T0));
        outbox.enqueue(mail("third@guichet.test", T0.plusSeconds(2)));

        List<OutgoingMail> claimed = outbox.claimDue(T0.plusSeconds(10), 2, LEASE);

        assertThat(claimed).extracting(m -> m.messageId().value())
                .containsExactly("first@guichet.test", "second@guichet.test");
        OutgoingMail first = claimed.getFirst();
        assertThat(first.id()).isPositive();
        assertThat(first.attempts()).isZero();
        assertThat(first.references()).containsExactly(MessageId.of("a@x.y"), MessageId.of("b@x.y"));
        assertThat(first.inReplyTo()).contains(MessageId.of("parent@acme.example"));
        assertThat(first.automatic()).isTrue();
        assertThat(first.to()).isEqualTo(new EmailAddress("alice@acme.example"));
    }

    @Test
    @DisplayName("an answer keeps the correlation id of the mail it answers, alone or in a batch; other mail has none")
    void correlationIdKept() {
        OutgoingMail plain = mail("plain@guichet.test", T0);
        OutgoingMail answer = withCorrelation(mail("answer@guichet.test", T0.plusSeconds(1)), "4f3a9c01");
        OutgoingMail batched = withCorrelation(mail("batched@guichet.test", T0.plusSeconds(2)), "4f3a9c02");
        outbox.enqueue(plain);
        outbox.enqueue(answer);
        outbox.enqueueAll(List.of(batched));

        assertThat(outbox.claimDue(T0.plusSeconds(10), 10, LEASE)).extracting(OutgoingMail::correlationId)
                .containsExactly(Optional.empty(), Optional.of("4f3a9c01"), Optional.of("4f3a9c02"));
    }

    private static OutgoingMail withCorrelation(OutgoingMail m, String correlationId) {
        return new OutgoingMail(m.id(), m.ticket(), m.messageId(), m.to(), m.toName(), m.subject(), m.body(),
                m.inReplyTo(), m.references(), m.automatic(), m.createdAt(), m.attempts(), Optional.of(correlationId));
    }

    @Test
    @DisplayName("mails queued together are queued each as on its own, in the order given")
    void queuedTogether() {
        outbox.enqueueAll(List.of(mail("later@guichet.test", T0.plusSeconds(1)), mail("one@guichet.test", T0),
                mail("two@guichet.test", T0)));

        List<OutgoingMail> claimed = outbox.claimDue(T0.plusSeconds(10), 10, LEASE);

        assertThat(claimed).extracting(m -> m.messageId().value())
                .containsExactly("one@guichet.test", "two@guichet.test", "later@guichet.test");
        assertThat(claimed).allSatisfy(m -> {
            assertThat(m.references()).containsExactly(MessageId.of("a@x.y"), MessageId.of("b@x.y"));
            assertThat(m.inReplyTo()).contains(MessageId.of("parent@acme.example"));
            assertThat(m.toName()).isEqualTo("Alice");
        });
        outbox.enqueueAll(List.of());
        assertThat(outbox.backlog(T0.plusSeconds(10)).pending()).isEqualTo(3);
    }

    @Test
    @DisplayName("a claimed mail is hidden from other claims until its lease ends")
    void leaseHides() {
        outbox.enqueue(mail("m@guichet.test", T0));
        assertThat(outbox.claimDue(T0, 10, LEASE)).hasSize(1);

        assertThat(outbox.claimDue(T0.plusSeconds(1), 10, LEASE)).isEmpty();
        assertThat(outbox.claimDue(T0.plus(LEASE), 10, LEASE)).hasSize(1);
    }

    @Test
    @DisplayName("a claim renewed by its live holder is not taken; one nobody renews comes back when its lease ends")
    void renewedClaimsStay() {
        Duration shortLease = Duration.ofSeconds(15);
        outbox.enqueue(mail("held@guichet.test", T0));
        outbox.enqueue(mail("orphan@guichet.test", T0));
        List<OutgoingMail> claimed = outbox.claimDue(T0, 10, shortLease);
        long held = claimed.getFirst().id();

        outbox.renewClaims(List.of(held), T0.plusSeconds(10), shortLease);

        assertThat(outbox.claimDue(T0.plusSeconds(15), 10, shortLease)).extracting(m -> m.messageId().value())
                .containsExactly("orphan@guichet.test");
        assertThat(outbox.claimDue(T0.plusSeconds(24), 10, shortLease)).isEmpty();
        assertThat(outbox.claimDue(T0.plusSeconds(25), 10, shortLease)).extracting(m -> m.messageId().value())
                .containsExactly("held@guichet.test");
    }

    @Test
    @DisplayName("renewing touches neither a claim that ran out, nor sent mail, nor a later retry time")
    void renewTouchesOnlyLiveClaims() {
        Duration shortLease = Duration.ofSeconds(15);
        outbox.enqueue(mail("expired@guichet.test", T0));
        outbox.enqueue(mail("sent@guichet.test", T0));
        outbox.enqueue(mail("retry@guichet.test", T0));
        List<OutgoingMail> claimed = outbox.claimDue(T0, 10, shortLease);
        outbox.markSent(claimed.get(1).id(), T0.plusSeconds(1));
        outbox.markFailed(claimed.get(2).id(), "421 busy", Optional.of(T0.plusSeconds(300)), T0.plusSeconds(1));

        outbox.renewClaims(claimed.stream().map(OutgoingMail::id).toList(), T0.plusSeconds(16), shortLease);

        assertThat(outbox.claimDue(T0.plusSeconds(17), 10, shortLease)).extracting(m -> m.messageId().value())
                .containsExactly("expired@guichet.test");
        assertThat(outbox.claimDue(T0.plusSeconds(299), 10, shortLease)).extracting(m -> m.messageId().value())
                .containsExactly("expired@guichet.test");
        assertThat(outbox.claimDue(T0.plusSeconds(300), 10, shortLease)).extracting(m -> m.messageId().value())
                .containsExactly("retry@guichet.test");
    }

    @Test
    @DisplayName("a mail is not due before its creation time")
    void notDueBeforeCreation() {
        outbox.enqueue(mail("later@guichet.test", T0.plusSeconds(60)));

        assertThat(outbox.claimDue(T0, 10, LEASE)).isEmpty();
    }

    @Test
    @DisplayName("a sent mail is never claimed again and leaves the backlog")
    void sent() {
        outbox.enqueue(mail("m@guichet.test", T0));
        long id = outbox.claimDue(T0, 10, LEASE).getFirst().id();

        outbox.markSent(id, T0.plusSeconds(1));

        assertThat(outbox.claimDue(T0.plus(Duration.ofDays(1)), 10, LEASE)).isEmpty();
        assertThat(outbox.backlog(T0)).isEqualTo(new Outbox.Backlog(0, Optional.empty()));
    }

    @Test
    @DisplayName("a failed attempt counts, and the mail comes back at its retry time")
    void failedRetries() {
        outbox.enqueue(mail("m@guichet.test", T0));
        long id = outbox.claimDue(T0, 10, LEASE).getFirst().id();

        outbox.markFailed(id, "connection refused", Optional.of(T0.plusSeconds(30)), T0);

        assertThat(outbox.claimDue(T0.plusSeconds(29), 10, LEASE)).isEmpty();
        List<OutgoingMail> again = outbox.claimDue(T0.plusSeconds(30), 10, LEASE);
        assertThat(again).singleElement().extracting(OutgoingMail::attempts).isEqualTo(1);
    }

    @Test
    @DisplayName("an abandoned mail is never claimed again and leaves the backlog")
    void abandoned() {
        outbox.enqueue(mail("m@guichet.test", T0));
        long id = outbox.claimDue(T0, 10, LEASE).getFirst().id();

        outbox.markFailed(id, "550 no such user", Optional.empty(), T0);

        assertThat(outbox.claimDue(T0.plus(Duration.ofDays(1)), 10, LEASE)).isEmpty();
        assertThat(outbox.backlog(T0).pending()).isZero();
    }

    @Test
    @DisplayName("the backlog counts pending mails, claimed or not, and the age of the oldest")
    void backlog() {
        outbox.enqueue(mail("a@guichet.test", T0));
        outbox.enqueue(mail("b@guichet.test", T0.plusSeconds(60)));
        outbox.claimDue(T0, 1, LEASE);

        assertThat(outbox.backlog(T0.plusSeconds(100)))
                .isEqualTo(new Outbox.Backlog(2, Optional.of(Duration.ofSeconds(100))));
    }

    @Test
    @DisplayName("a Message-ID is queued once")
    void uniqueMessageId() {
        outbox.enqueue(mail("m@guichet.test", T0));

        assertThatThrownBy(() -> outbox.enqueue(mail("m@guichet.test", T0))).isInstanceOf(RuntimeException.class);
    }

    @Test
    @DisplayName("a mail handed to the server and never marked is an uncertain send when claimed again, as a crash leaves it")
    void sendingWithoutOutcomeIsUncertain() {
        outbox.enqueue(mail("a@guichet.test", T0));
        outbox.enqueue(mail("b@guichet.test", T0));
        List<OutgoingMail> claimed = outbox.claimDue(T0, 10, LEASE);
        long handedOver = claimed.get(0).id();
        long untouched = claimed.get(1).id();

        outbox.markSending(handedOver, T0.plusSeconds(1));

        List<Long> again = outbox.claimDue(T0.plus(LEASE), 10, LEASE).stream().map(OutgoingMail::id).toList();
        assertThat(again).containsExactly(handedOver, untouched);
        assertThat(outbox.uncertain(again)).containsExactly(handedOver);
    }

    @Test
    @DisplayName("a failure the server answered ends the uncertainty; a connection lost after the data keeps it; sent mail is never uncertain")
    void outcomesOfUncertainSends() {
        outbox.enqueue(mail("refused@guichet.test", T0));
        outbox.enqueue(mail("lost@guichet.test", T0));
        outbox.enqueue(mail("sent@guichet.test", T0));
        List<Long> ids = outbox.claimDue(T0, 10, LEASE).stream().map(OutgoingMail::id).toList();
        ids.forEach(id -> outbox.markSending(id, T0));

        outbox.markFailed(ids.get(0), "451 try later", Optional.of(T0.plusSeconds(30)), T0);
        outbox.markUncertain(ids.get(1), "connection lost after the data", Optional.of(T0.plusSeconds(30)), T0);
        outbox.markSent(ids.get(2), T0);

        assertThat(outbox.uncertain(ids)).containsExactly(ids.get(1));
        assertThat(outbox.claimDue(T0.plusSeconds(30), 10, LEASE))
                .extracting(OutgoingMail::id, OutgoingMail::attempts)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ids.get(0), 1),
                        org.assertj.core.groups.Tuple.tuple(ids.get(1), 1));
    }

    @Test
    @DisplayName("R2: whether an automatic mail answers a mail (auto-replied) or not (auto-generated) is kept with it")
    void autoSubmittedKindIsKept() {
        OutgoingMail m = mail("generated@guichet.test", T0);
        outbox.enqueue(new OutgoingMail(0, m.ticket(), m.messageId(), m.to(), m.toName(), m.subject(), m.body(),
                m.inReplyTo(), m.references(), true, m.createdAt(), 0, true));
        outbox.enqueue(mail("replied@guichet.test", T0));

        assertThat(outbox.claimDue(T0, 10, LEASE)).extracting(OutgoingMail::messageId, OutgoingMail::autoGenerated)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MessageId.of("generated@guichet.test"), true),
                        org.assertj.core.groups.Tuple.tuple(MessageId.of("replied@guichet.test"), false));
    }

    @Test
    @DisplayName("R16: a reply's files are kept with it, in order, alone or in a batch, and come back with its claim")
    void attachmentsAreKept() {
        byte[] patch = {1, 2, 3, 4};
        byte[] notes = "release notes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        outbox.enqueue(mail("single@guichet.test", T0).withAttachments(List.of(
                new io.guichet.core.mail.MailAttachment("hotfix.zip", "application/zip", patch))));
        outbox.enqueueAll(List.of(mail("plain@guichet.test", T0.plusSeconds(1)),
                mail("batched@guichet.test", T0.plusSeconds(2)).withAttachments(List.of(
                        new io.guichet.core.mail.MailAttachment("notes.txt", "text/plain", notes),
                        new io.guichet.core.mail.MailAttachment("hotfix.zip", "application/zip", patch)))));

        List<OutgoingMail> claimed = outbox.claimDue(T0.plusSeconds(10), 10, LEASE);

        assertThat(claimed).extracting(m -> m.messageId().value())
                .containsExactly("single@guichet.test", "plain@guichet.test", "batched@guichet.test");
        assertThat(claimed.get(0).attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("hotfix.zip");
            assertThat(a.data()).isEqualTo(patch);
        });
        assertThat(claimed.get(1).attachments()).isEmpty();
        assertThat(claimed.get(2).attachments()).extracting(io.guichet.core.mail.MailAttachment::name)
                .containsExactly("notes.txt", "hotfix.zip");
        assertThat(claimed.get(2).attachments().get(0).data()).isEqualTo(notes);
    }
}

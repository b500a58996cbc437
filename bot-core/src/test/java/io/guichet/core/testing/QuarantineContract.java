package io.guichet.core.testing;

import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.InboundReceipt;
import io.guichet.core.mail.MailFailures;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.Quarantine;
import io.guichet.core.mail.QuarantinedMail;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the failed-attempt count and the quarantine, run against every backend. The three ports of one
 * test share one storage; each call of {@link #failures()} or {@link #quarantine()} may return a new instance on it
 * (as after a restart).
 */
public abstract class QuarantineContract {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String MAILBOX = "support@imap.example/INBOX";

    protected abstract MailJournal journal();

    protected abstract MailFailures failures();

    protected abstract Quarantine quarantine();

    @Test
    @DisplayName("failed attempts are counted by mailbox position and survive a new instance (a restart)")
    void failuresAreCounted() {
        MailPosition poison = new MailPosition(MAILBOX, 7, 5);
        assertThat(failures().failures(poison)).isZero();

        assertThat(failures().countFailure(poison, "OutOfMemoryError", T0)).isEqualTo(1);
        assertThat(failures().countFailure(poison, "StackOverflowError", T0.plusSeconds(30))).isEqualTo(2);
        assertThat(failures().countFailure(new MailPosition(MAILBOX, 8, 5), "x", T0)).as("another UIDVALIDITY").isEqualTo(1);

        assertThat(failures().failures(poison)).isEqualTo(2);
        assertThat(failures().countFailure(poison, "IllegalStateException", T0.plusSeconds(60))).isEqualTo(3);
        failures().forget(poison);
        assertThat(failures().failures(poison)).isZero();
    }

    @Test
    @DisplayName("a quarantined mail is listed with its Message-ID, sender, subject, size and reason, and can be released once")
    void listShowRelease() {
        MailJournal journal = journal();
        MailPosition at = new MailPosition(MAILBOX, 7, 5);
        InboundReceipt receipt = new InboundReceipt(at, Optional.of(MessageId.of("poison@acme.example")), "h1", "alice@acme.example",
                "Console down", 4_321, T0);
        assertThat(journal.recordReceipt(receipt)).isTrue();
        journal.settle(at, Disposition.QUARANTINED, Optional.empty(), "handling failed 3 times: OutOfMemoryError");
        MailPosition fine = new MailPosition(MAILBOX, 7, 6);
        journal.recordReceipt(new InboundReceipt(fine, Optional.of(MessageId.of("fine@acme.example")), "h2", "alice@acme.example",
                "Fine", 10, T0));
        journal.settle(fine, Disposition.OPENED, Optional.empty(), "opened #1000");
        failures().countFailure(at, "OutOfMemoryError", T0);

        assertThat(quarantine().count()).isEqualTo(1);
        assertThat(quarantine().list(10)).singleElement().satisfies(q -> {
            assertThat(q.position()).isEqualTo(at);
            assertThat(q.messageId()).contains(MessageId.of("poison@acme.example"));
            assertThat(q.sender()).isEqualTo("alice@acme.example");
            assertThat(q.subject()).isEqualTo("Console down");
            assertThat(q.size()).isEqualTo(4_321);
            assertThat(q.contentHash()).isEqualTo("h1");
            assertThat(q.reason()).isEqualTo("handling failed 3 times: OutOfMemoryError");
            assertThat(q.receivedAt()).isEqualTo(T0);
            assertThat(q.releasedAt()).isEmpty();
        });
        long id = quarantine().list(10).getFirst().id();
        assertThat(quarantine().find(id)).map(QuarantinedMail::subject).contains("Console down");
        assertThat(quarantine().find(id + 1)).as("a handled mail is not in quarantine").isEmpty();

        assertThat(quarantine().release(id, T0.plusSeconds(60))).isTrue();

        assertThat(quarantine().release(id, T0.plusSeconds(61))).as("only once").isFalse();
        assertThat(quarantine().list(10)).isEmpty();
        assertThat(quarantine().count()).isZero();
        assertThat(quarantine().find(id)).flatMap(QuarantinedMail::releasedAt).contains(T0.plusSeconds(60));
        assertThat(journal.dispositionAt(at)).contains(Disposition.RELEASED);
        assertThat(failures().failures(at)).as("its failed attempts are forgotten").isZero();
        assertThat(journal.recordReceipt(new InboundReceipt(new MailPosition(MAILBOX, 7, 9), receipt.messageId(), "h1",
                "alice@acme.example", "Console down", 4_321, T0.plusSeconds(90))))
                .as("the released mail, back in the inbox, is recorded as new").isTrue();
    }

    @Test
    @DisplayName("the quarantine lists newest first, at most the limit")
    void newestFirst() {
        MailJournal journal = journal();
        for (int uid = 1; uid <= 3; uid++) {
            MailPosition at = new MailPosition(MAILBOX, 7, uid);
            journal.recordReceipt(new InboundReceipt(at, Optional.empty(), "h" + uid, "x@acme.example", "n" + uid, 1, T0));
            journal.settle(at, Disposition.QUARANTINED, Optional.empty(), "unparseable");
        }

        assertThat(quarantine().list(2)).extracting(QuarantinedMail::subject).containsExactly("n3", "n2");
    }
}

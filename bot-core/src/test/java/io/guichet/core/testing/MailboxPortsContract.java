package io.guichet.core.testing;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.InboundReceipt;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailJournal.MailboxState;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MailboxLock;
import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.MessageId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of what the mailbox watcher relies on: the mailbox lock (one reader per mailbox across nodes) and
 * the mailbox position and receipts of the {@link MailJournal}. Run against every backend.
 */
public abstract class MailboxPortsContract {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String MAILBOX = "support@imap.example/INBOX";

    /** A fresh, empty journal. */
    protected abstract MailJournal journal();

    /** Two nodes of one cluster sharing locks. */
    protected abstract MailboxLock[] twoNodes();

    @Test
    @DisplayName("only one node holds a mailbox; asking again keeps it; once released, another node takes it")
    void oneHolder() {
        MailboxLock[] nodes = twoNodes();
        assertThat(nodes[0].tryAcquire(MAILBOX)).isTrue();
        assertThat(nodes[0].tryAcquire(MAILBOX)).isTrue();
        assertThat(nodes[1].tryAcquire(MAILBOX)).isFalse();
        assertThat(nodes[0].stillHeld(MAILBOX)).isTrue();
        assertThat(nodes[1].stillHeld(MAILBOX)).isFalse();
        assertThat(nodes[1].tryAcquire("other@imap.example/INBOX")).isTrue();

        nodes[1].release(MAILBOX);
        assertThat(nodes[0].stillHeld(MAILBOX)).as("only the holder releases").isTrue();
        nodes[0].release(MAILBOX);

        assertThat(nodes[0].stillHeld(MAILBOX)).isFalse();
        assertThat(nodes[1].tryAcquire(MAILBOX)).isTrue();
    }

    @Test
    @DisplayName("the mailbox position is stored with its UIDVALIDITY and replaced on save")
    void mailboxState() {
        MailJournal journal = journal();
        assertThat(journal.mailboxState(MAILBOX)).isEmpty();

        journal.saveMailboxState(new MailboxState(MAILBOX, 7, 10, T0));
        journal.saveMailboxState(new MailboxState(MAILBOX, 7, 12, T0.plusSeconds(1)));

        assertThat(journal.mailboxState(MAILBOX)).contains(new MailboxState(MAILBOX, 7, 12, T0.plusSeconds(1)));
        assertThat(journal.mailboxState("other")).isEmpty();
    }

    @Test
    @DisplayName("R2: a receipt is recorded once: by position, and by Message-ID (or none) with the same sender and content")
    void receiptsAreUnique() {
        MailJournal journal = journal();
        MailPosition one = new MailPosition(MAILBOX, 7, 1);
        assertThat(journal.recordReceipt(receipt(one, Optional.of(MessageId.of("a@x.y")), "h1"))).isTrue();

        assertThat(journal.recordReceipt(receipt(one, Optional.of(MessageId.of("b@x.y")), "h2"))).as("same position").isFalse();
        assertThat(journal.recordReceipt(receipt(new MailPosition(MAILBOX, 8, 1), Optional.of(MessageId.of("a@x.y")), "h1")))
                .as("the same mail after a resync").isFalse();
        assertThat(journal.recordReceipt(receipt(new MailPosition(MAILBOX, 7, 2), Optional.empty(), "h4"))).isTrue();
        assertThat(journal.recordReceipt(receipt(new MailPosition(MAILBOX, 7, 3), Optional.empty(), "h4")))
                .as("same content without Message-ID").isFalse();
        assertThat(journal.recordReceipt(receipt(new MailPosition(MAILBOX, 7, 4), Optional.of(MessageId.of("c@x.y")), "h4")))
                .as("the hash alone does not make a duplicate").isTrue();

        assertThat(journal.dispositionAt(one)).contains(Disposition.RECEIVED);
        journal.settle(one, Disposition.QUARANTINED, Optional.empty(), "unparseable");
        assertThat(journal.dispositionAt(one)).contains(Disposition.QUARANTINED);
        assertThat(journal.dispositionAt(new MailPosition(MAILBOX, 7, 99))).isEmpty();
    }

    @Test
    @DisplayName("R2: another mail reusing a Message-ID (other content or sender) is recorded as new, and the reuse is seen")
    void reusedMessageId() {
        MailJournal journal = journal();
        InboundReceipt first = receipt(new MailPosition(MAILBOX, 7, 1), Optional.of(MessageId.of("a@x.y")), "h1");
        assertThat(journal.recordReceipt(first)).isTrue();
        assertThat(journal.messageIdReused(first)).isFalse();

        InboundReceipt otherContent = receipt(new MailPosition(MAILBOX, 7, 2), Optional.of(MessageId.of("a@x.y")), "h2");
        InboundReceipt otherSender = new InboundReceipt(new MailPosition(MAILBOX, 7, 3), Optional.of(MessageId.of("a@x.y")), "h1",
                "mallory@evil.example", "Subject", 10, T0);
        assertThat(journal.recordReceipt(otherContent)).isTrue();
        assertThat(journal.recordReceipt(otherSender)).isTrue();

        assertThat(journal.messageIdReused(otherContent)).isTrue();
        assertThat(journal.messageIdReused(otherSender)).isTrue();
        assertThat(journal.messageIdReused(receipt(new MailPosition(MAILBOX, 7, 9), Optional.empty(), "h1"))).isFalse();

        journal.settle(otherContent.position(), Disposition.RELEASED, Optional.empty(), "released");
        journal.settle(otherSender.position(), Disposition.RELEASED, Optional.empty(), "released");
        assertThat(journal.messageIdReused(first)).as("released receipts do not count").isFalse();
    }

    @Test
    @DisplayName("R10: automatic replies are counted per address within the window, several addresses at once")
    void autoReplyCounts() {
        MailJournal journal = journal();
        EmailAddress alice = EmailAddress.parse("alice@acme.example").orElseThrow();
        EmailAddress bob = EmailAddress.parse("bob@acme.example").orElseThrow();
        EmailAddress carol = EmailAddress.parse("carol@acme.example").orElseThrow();
        journal.recordAutoReply(alice, T0.minus(Duration.ofHours(2)));
        journal.recordAutoReplies(List.of(alice, bob, alice), T0);
        journal.recordAutoReplies(List.of(), T0);

        Instant since = T0.minus(Duration.ofHours(1));
        assertThat(journal.autoRepliesSince(List.of(alice, bob, carol), since))
                .containsExactlyInAnyOrderEntriesOf(Map.of(alice, 2, bob, 1, carol, 0));
        assertThat(journal.autoRepliesSince(alice, since)).isEqualTo(2);
        assertThat(journal.autoRepliesSince(alice, T0.minus(Duration.ofHours(3)))).isEqualTo(3);
    }

    private static InboundReceipt receipt(MailPosition position, Optional<MessageId> messageId, String hash) {
        return new InboundReceipt(position, messageId, hash, "alice@acme.example", "Subject", 10, T0);
    }
}

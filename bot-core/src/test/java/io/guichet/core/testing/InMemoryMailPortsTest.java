package io.guichet.core.testing;

import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailboxLock;
import io.guichet.core.mail.Outbox;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail ports' contracts on the in-memory fakes. */
class InMemoryMailPortsTest {

    @Nested
    class OutboxInMemory extends OutboxContract {
        @Override
        protected Outbox outbox() {
            return new InMemoryOutbox();
        }
    }

    @Nested
    class MailboxPortsInMemory extends MailboxPortsContract {
        @Override
        protected MailJournal journal() {
            return new InMemoryMailJournal();
        }

        @Override
        protected MailboxLock[] twoNodes() {
            InMemoryMailboxLock first = new InMemoryMailboxLock();
            return new MailboxLock[] {first, first.otherNode()};
        }
    }

    @Nested
    class QuarantineInMemory extends QuarantineContract {
        private final InMemoryMailJournal journal = new InMemoryMailJournal();

        @Override
        protected MailJournal journal() {
            return journal;
        }

        @Override
        protected io.guichet.core.mail.MailFailures failures() {
            return journal;
        }

        @Override
        protected io.guichet.core.mail.Quarantine quarantine() {
            return journal;
        }
    }

    @Test
    @DisplayName("a node that dies loses its locks to the others")
    void deathReleases() {
        InMemoryMailboxLock first = new InMemoryMailboxLock();
        InMemoryMailboxLock second = first.otherNode();
        assertThat(first.tryAcquire("m")).isTrue();

        first.die();

        assertThat(first.stillHeld("m")).isFalse();
        assertThat(second.tryAcquire("m")).isTrue();
    }
}

package io.guichet.mail.smtp;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.db.Database;
import io.guichet.db.JooqOutbox;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.mail.TlsTrust;
import io.guichet.mail.TransportSecurity;
import io.guichet.mail.testing.HoldingSmtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Claims of the outbox on PostgreSQL with the real clock: a sender that died leaves its mail to the others within one
 * lease; a live sender in the middle of a long send keeps its claim (it renews it).
 */
@ExtendWith(PostgresExtension.class)
class ClaimRecoveryIT {

    private static final Duration LEASE = Duration.ofSeconds(1);

    private final Clock clock = Clock.systemUTC();
    private final HoldingSmtpServer relay = new HoldingSmtpServer();
    private JooqOutbox outbox;
    private SmtpOutboxDispatcher dispatcher;

    @BeforeEach
    void wire(Database database) {
        outbox = new JooqOutbox(database.transactions().autoCommit());
    }

    @AfterEach
    void stop() {
        relay.close();
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }

    private SmtpOutboxDispatcher dispatcher() {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", relay.port(), TransportSecurity.NONE, TlsTrust.system(),
                Optional.empty(), new EmailAddress("support@guichet.test"), "Guichet Support", Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 10, LEASE, Duration.ofMillis(200),
                RetryPolicy.standard());
        dispatcher = new SmtpOutboxDispatcher(settings, outbox, clock);
        return dispatcher;
    }

    private void enqueue() {
        outbox.enqueue(new OutgoingMail(0, Optional.empty(), new MessageId(UUID.randomUUID() + "@guichet.test"),
                new EmailAddress("alice@acme.example"), "Alice", "[Ticket#1] Réponse", "Bonjour", Optional.empty(),
                List.of(), false, clock.instant(), 0));
    }

    @Test
    @DisplayName("mail claimed by a sender that died is sent by a live one within one lease, not after minutes")
    void deadHoldersMailComesBack() {
        enqueue();
        List<OutgoingMail> takenByTheDead = outbox.claimDue(clock.instant(), 10, LEASE);
        assertThat(takenByTheDead).hasSize(1);
        relay.release();
        long started = System.nanoTime();

        dispatcher().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> relay.messagesAccepted() == 1);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isLessThan(LEASE.plusSeconds(3));
        assertThat(outbox.backlog(clock.instant()).pending()).isZero();
    }

    @Test
    @DisplayName("a live sender in the middle of a send longer than several leases keeps its claim: nobody else takes it")
    void liveHolderKeepsItsClaim() {
        enqueue();
        dispatcher().start();
        dispatcher.wakeUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.messagesStarted() == 1);

        long until = System.nanoTime() + LEASE.multipliedBy(4).toNanos();
        while (System.nanoTime() < until) {
            assertThat(outbox.claimDue(clock.instant(), 10, LEASE)).as("another node's claim").isEmpty();
            await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }
        relay.release();

        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.backlog(clock.instant()).pending() == 0);
        assertThat(relay.messagesStarted()).isEqualTo(1);
        assertThat(relay.messagesAccepted()).isEqualTo(1);
    }
}

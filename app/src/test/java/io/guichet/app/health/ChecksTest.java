package io.guichet.app.health;

import io.guichet.core.mail.Outbox;
import io.guichet.mail.imap.ImapMailboxWatcher;
import io.guichet.mail.smtp.SmtpOutboxDispatcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration FRESHNESS = Duration.ofSeconds(90);

    @Test
    @DisplayName("the mailbox is ready when connected with a read more recent than the freshness limit")
    void freshMailbox() {
        Check.Result result = mailbox(new ImapMailboxWatcher.Health(true, true, true,
                Optional.of(NOW.minusSeconds(30)), Optional.empty()));

        assertThat(result).isEqualTo(Check.Result.up("last read 30 s ago"));
    }

    @Test
    @DisplayName("a connected mailbox whose last read is older than the limit is not ready: freshness, not a flag")
    void staleMailbox() {
        Check.Result result = mailbox(new ImapMailboxWatcher.Health(true, true, true,
                Optional.of(NOW.minusSeconds(91)), Optional.empty()));

        assertThat(result.up()).isFalse();
        assertThat(result.detail()).isEqualTo("no successful read for more than 90 s");
    }

    @Test
    @DisplayName("a mailbox never read, disconnected or stopped is not ready, and says why")
    void mailboxDown() {
        assertThat(mailbox(new ImapMailboxWatcher.Health(true, true, true, Optional.empty(), Optional.empty())).up())
                .isFalse();
        assertThat(mailbox(new ImapMailboxWatcher.Health(true, true, false, Optional.of(NOW),
                Optional.of("connection refused")))).isEqualTo(Check.Result.down("not connected: connection refused"));
        assertThat(mailbox(new ImapMailboxWatcher.Health(false, false, false, Optional.of(NOW), Optional.empty())))
                .isEqualTo(Check.Result.down("watcher stopped"));
    }

    @Test
    @DisplayName("a mailbox connected and working through a backlog is ready before its first read ends")
    void workingThroughBacklog() {
        Check.Result result = mailbox(new ImapMailboxWatcher.Health(true, true, true, Optional.empty(),
                Optional.empty(), Optional.of(NOW.minusSeconds(2))));

        assertThat(result).isEqualTo(Check.Result.up("working through the mail waiting, last progress 2 s ago"));
        assertThat(mailbox(new ImapMailboxWatcher.Health(true, true, true, Optional.empty(), Optional.empty(),
                Optional.of(NOW.minusSeconds(91)))).up()).as("stuck on one batch for longer than the limit").isFalse();
    }

    @Test
    @DisplayName("a node that does not hold the mailbox lock is a ready standby (several nodes on one database)")
    void standby() {
        Check.Result result = mailbox(new ImapMailboxWatcher.Health(true, false, false, Optional.empty(),
                Optional.empty()));

        assertThat(result).isEqualTo(Check.Result.up("standby: another node reads the mailbox"));
    }

    @Test
    @DisplayName("the SMTP relay is down while connecting to it fails, with the reason; a failed mail alone does not count")
    void smtpRelay() {
        String tls = "cannot connect: TLS: the SMTP server's certificate is not trusted (PKIX path building failed)";
        assertThat(smtp(new SmtpOutboxDispatcher.Health(true, Optional.empty(), Optional.of(tls), Optional.of(tls), 3)))
                .isEqualTo(Check.Result.down(tls));
        assertThat(smtp(new SmtpOutboxDispatcher.Health(true, Optional.of(NOW), Optional.of("550 no such user"),
                Optional.empty(), 1))).isEqualTo(Check.Result.up("last sent at 2026-03-02T10:00:00Z; 1 failed attempt(s) in a row"));
        assertThat(smtp(new SmtpOutboxDispatcher.Health(true, Optional.empty(), Optional.empty(), Optional.empty(), 0)))
                .isEqualTo(Check.Result.up("nothing sent yet"));
        assertThat(smtp(new SmtpOutboxDispatcher.Health(false, Optional.empty(), Optional.empty(), Optional.empty(), 0)))
                .isEqualTo(Check.Result.down("dispatcher stopped"));
    }

    @Test
    @DisplayName("a relay that refuses every attempt is not ready, though it accepts connections; one success clears it")
    void smtpRefusing() {
        Check.Result refusing = smtp(new SmtpOutboxDispatcher.Health(true, Optional.of(NOW.minusSeconds(600)),
                Optional.of("SMTPSendFailedException: 451 4.3.0 try later"), Optional.empty(), Checks.REFUSALS_DOWN),
                Optional.of(new Outbox.Backlog(50, Optional.of(Duration.ofSeconds(40)))));

        assertThat(refusing).isEqualTo(Check.Result.down("the last 5 attempts failed, none sent since (last:"
                + " SMTPSendFailedException: 451 4.3.0 try later); 50 answer(s) queued, the oldest for 40 s"));
        assertThat(smtp(new SmtpOutboxDispatcher.Health(true, Optional.of(NOW), Optional.empty(), Optional.empty(), 0),
                Optional.of(new Outbox.Backlog(49, Optional.of(Duration.ofSeconds(41))))).up()).isTrue();
    }

    @Test
    @DisplayName("answers queued for minutes with nothing sent is not ready; a queue that moves, or one old retry, is")
    void smtpStalled() {
        Optional<Outbox.Backlog> stuck = Optional.of(new Outbox.Backlog(50, Optional.of(Duration.ofSeconds(180))));

        Check.Result stalled = smtp(new SmtpOutboxDispatcher.Health(true, Optional.of(NOW.minusSeconds(200)),
                Optional.empty(), Optional.empty(), 0), stuck);
        assertThat(stalled).isEqualTo(Check.Result.down("last sent at 2026-03-02T09:56:40Z, nothing for more than 120 s;"
                + " 50 answer(s) queued, the oldest for 180 s"));
        assertThat(smtp(new SmtpOutboxDispatcher.Health(true, Optional.empty(), Optional.empty(), Optional.empty(), 0),
                stuck).up()).isFalse();
        assertThat(smtp(new SmtpOutboxDispatcher.Health(true, Optional.of(NOW.minusSeconds(10)), Optional.empty(),
                Optional.empty(), 0), stuck)).isEqualTo(Check.Result.up("last sent at 2026-03-02T09:59:50Z;"
                + " 50 answer(s) queued, the oldest for 180 s"));
        assertThat(smtp(new SmtpOutboxDispatcher.Health(true, Optional.of(NOW.minusSeconds(600)), Optional.empty(),
                Optional.empty(), 0), Optional.of(new Outbox.Backlog(0, Optional.empty()))).up()).isTrue();
    }

    @Test
    @DisplayName("a database that hangs is down within the timeout, and later probes wait on the same query")
    void hangingDatabase() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger queries = new AtomicInteger();
        DatabaseCheck check = new DatabaseCheck(() -> {
            queries.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, Duration.ofMillis(100));

        assertThat(check.run()).isEqualTo(Check.Result.down("no answer within 100 ms"));
        assertThat(check.run().up()).isFalse();
        assertThat(queries).as("no pile-up of queries on a hung database").hasValue(1);

        release.countDown();
        assertThat(check.run()).isEqualTo(Check.Result.up("answers"));
    }

    @Test
    @DisplayName("a database that fails is down as unreachable, with no exception text")
    void failingDatabase() {
        DatabaseCheck check = new DatabaseCheck(() -> {
            throw new IllegalStateException("password authentication failed for user guichet");
        }, Duration.ofSeconds(1));

        assertThat(check.run()).isEqualTo(Check.Result.down("unreachable"));
    }

    private static Check.Result smtp(SmtpOutboxDispatcher.Health health) {
        return smtp(health, Optional.empty());
    }

    private static Check.Result smtp(SmtpOutboxDispatcher.Health health, Optional<Outbox.Backlog> queued) {
        return Checks.smtp(() -> health, () -> queued, CLOCK).run();
    }

    private static Check.Result mailbox(ImapMailboxWatcher.Health health) {
        return Checks.mailbox(() -> health, FRESHNESS, CLOCK).run();
    }
}

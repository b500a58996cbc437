package io.guichet.mail.imap;

import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.core.testing.InMemoryMailboxLock;
import io.guichet.core.testing.MutableClock;
import io.guichet.mail.MailLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mailbox whose server refuses the login (GreenMail, wrong password): the watcher waits minutes, not seconds, before
 * logging in again (providers lock accounts after repeated wrong logins), and its health gives the server's words.
 */
class ImapLoginRefusedIT {

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private MailboxFixture mailbox;
    private ImapMailboxWatcher watcher;

    @BeforeEach
    void startServer() {
        mailbox = new MailboxFixture();
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.stop();
        }
        mailbox.close();
    }

    @Test
    @DisplayName("a refused IMAP login is retried in minutes, and health says 'IMAP login refused for USER: <server's reason>'")
    void refusedLoginBacksOffToMinutes() throws InterruptedException {
        ImapSettings right = mailbox.settings(Optional.of("Processed"), Duration.ofMillis(300));
        watcher = start(withPassword(right, "wrong-password"));

        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.health().lastError().isPresent());
        ImapMailboxWatcher.Health health = watcher.health();
        assertThat(health.connected()).isFalse();
        assertThat(health.lastError().orElseThrow()).startsWith("IMAP login refused for " + MailboxFixture.LOGIN + ": ")
                .doesNotContain("wrong-password").doesNotContain("Exception");
        assertThat(health.lastError().orElseThrow().length())
                .as("the server's own reason follows the user").isGreaterThan(("IMAP login refused for "
                        + MailboxFixture.LOGIN + ": ").length());
        Instant next = health.nextAttempt().orElseThrow();
        assertThat(Duration.between(clock.instant(), next))
                .as("half to all of the first 2-minute ceiling").isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));

        Thread.sleep(2_000);
        assertThat(watcher.health().nextAttempt()).as("no second login meanwhile").contains(next);
        assertThat(watcher.health().lastError()).isEqualTo(health.lastError());
    }

    @Test
    @DisplayName("a server that is down (not a refused login) is still tried again within seconds")
    void unreachableServerRetriesInSeconds() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        watcher = start(mailbox.settings(closed, Optional.of("Processed"), Duration.ofMillis(300), 1_000_000));

        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.health().nextAttempt().isPresent());
        assertThat(watcher.health().lastError().orElseThrow()).doesNotStartWith("IMAP login refused");
        assertThat(Duration.between(clock.instant(), watcher.health().nextAttempt().orElseThrow()))
                .isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    private ImapMailboxWatcher start(ImapSettings settings) {
        ImapMailboxWatcher started = new ImapMailboxWatcher(settings, new ScriptedHandler(), new InMemoryMailJournal(),
                new InMemoryMailboxLock(), clock);
        started.start();
        return started;
    }

    private static ImapSettings withPassword(ImapSettings s, String password) {
        return new ImapSettings(s.host(), s.port(), s.security(), s.trust(),
                new MailLogin.Password(s.login().user(), password), s.folder(), s.processedFolder(),
                s.quarantineFolder(), s.connectTimeout(), s.readTimeout(), s.writeTimeout(), s.idleRenewal(),
                s.pollInterval(), s.batchSize(), s.maxMessageBytes(), s.workers());
    }
}

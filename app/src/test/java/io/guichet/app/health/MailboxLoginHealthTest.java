package io.guichet.app.health;

import io.guichet.mail.imap.ImapMailboxWatcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness of a mailbox whose server refuses the login, as /health/ready shows it. */
class MailboxLoginHealthTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    @DisplayName("a refused login is said as the server said it, with when the next attempt is, not as a generic DOWN")
    void refusedLogin() {
        Check.Result result = Checks.mailbox(() -> new ImapMailboxWatcher.Health(true, true, false, Optional.empty(),
                Optional.of("IMAP login refused for support: [AUTHENTICATIONFAILED] Invalid credentials"),
                Optional.empty(), Optional.of(NOW.plusSeconds(97))), Duration.ofSeconds(90), CLOCK).run();

        assertThat(result).isEqualTo(Check.Result.down("IMAP login refused for support: [AUTHENTICATIONFAILED]"
                + " Invalid credentials; next attempt in 97 s"));
    }

    @Test
    @DisplayName("another connection failure keeps its 'not connected' form, with the next attempt when known")
    void otherFailure() {
        Check.Result result = Checks.mailbox(() -> new ImapMailboxWatcher.Health(true, true, false, Optional.empty(),
                Optional.of("connection refused"), Optional.empty(), Optional.of(NOW.plusSeconds(1))),
                Duration.ofSeconds(90), CLOCK).run();

        assertThat(result).isEqualTo(Check.Result.down("not connected: connection refused; next attempt in 1 s"));
    }
}

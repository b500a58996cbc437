package io.guichet.app.health;

import io.guichet.db.JooqStatistics;
import io.guichet.discord.DiscordAdapter;
import io.guichet.mail.imap.ImapMailboxWatcher;
import io.guichet.mail.smtp.SmtpOutboxDispatcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** The readiness checks of a node: database, mailbox, SMTP relay, Discord gateway. */
public final class Checks {

    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);

    private Checks() {
    }

    /** The database answers a query within 2 seconds. */
    public static Check database(JooqStatistics statistics) {
        return new DatabaseCheck(statistics::answers, DATABASE_TIMEOUT);
    }

    /**
     * The mailbox is read: connected, with a successful read or wait more recent than {@code freshness}; a node
     * that does not hold the mailbox lock is a ready standby.
     */
    public static Check mailbox(Supplier<ImapMailboxWatcher.Health> watcher, Duration freshness, Clock clock) {
        return named("mailbox", () -> {
            ImapMailboxWatcher.Health h = watcher.get();
            if (!h.running()) {
                return Check.Result.down("watcher stopped");
            }
            if (!h.holdsLock()) {
                return Check.Result.up("standby: another node reads the mailbox");
            }
            if (!h.connected()) {
                return Check.Result.down("not connected" + h.lastError().map(e -> ": " + e).orElse(""));
            }
            Instant now = clock.instant();
            return h.lastSuccess().filter(at -> Duration.between(at, now).compareTo(freshness) <= 0)
                    .map(at -> Check.Result.up("last read " + Duration.between(at, now).toSeconds() + " s ago"))
                    .orElseGet(() -> Check.Result.down("no successful read for more than " + freshness.toSeconds() + " s"));
        });
    }

    /**
     * The SMTP relay can be reached and logged in to: down while the last attempt to connect failed (an untrusted
     * certificate, a refused login, no OAuth2 token...), with the reason. Failures of single mails do not count.
     */
    public static Check smtp(Supplier<SmtpOutboxDispatcher.Health> dispatcher) {
        return named("smtp", () -> {
            SmtpOutboxDispatcher.Health h = dispatcher.get();
            if (!h.running()) {
                return Check.Result.down("dispatcher stopped");
            }
            if (h.connectionError().isPresent()) {
                return Check.Result.down(h.connectionError().get());
            }
            return Check.Result.up(h.lastSent().map(at -> "last sent at " + at).orElse("nothing sent yet"));
        });
    }

    /** The Discord gateway is connected (only checked when the console is configured). */
    public static Check discord(DiscordAdapter adapter) {
        return named("discord", () -> {
            DiscordAdapter.GatewayState state = adapter.gateway();
            return state.connected() ? Check.Result.up("connected, heartbeat " + state.pingMillis() + " ms")
                    : Check.Result.down(state.status());
        });
    }

    static Check named(String name, Supplier<Check.Result> run) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result run() {
                return run.get();
            }
        };
    }
}

package io.guichet.app.health;

import io.guichet.core.mail.Outbox;
import io.guichet.db.JooqStatistics;
import io.guichet.discord.DiscordAdapter;
import io.guichet.mail.imap.ImapMailboxWatcher;
import io.guichet.mail.smtp.SmtpOutboxDispatcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
     * The mailbox is read: connected, with a successful read or wait, or progress through the mail waiting (a
     * backlog after a restart is worked through while ready), more recent than {@code freshness}; a node
     * that does not hold the mailbox lock is a ready standby.
     */
    public static Check mailbox(Supplier<ImapMailboxWatcher.Health> watcher, Duration freshness, Clock clock) {
        return mailbox("mailbox", watcher, freshness, clock);
    }

    /** {@link #mailbox(Supplier, Duration, Clock)} under another name: one check per mailbox of a node. */
    public static Check mailbox(String name, Supplier<ImapMailboxWatcher.Health> watcher, Duration freshness,
                                Clock clock) {
        return named(name, () -> {
            ImapMailboxWatcher.Health h = watcher.get();
            if (!h.running()) {
                return Check.Result.down("watcher stopped");
            }
            if (!h.holdsLock()) {
                return Check.Result.up("standby: another node reads the mailbox");
            }
            if (!h.connected()) {
                // a refused login is said as it is (the server's words), not as a generic disconnection
                String why = h.lastError().map(e -> e.startsWith("IMAP login refused") ? e : "not connected: " + e)
                        .orElse("not connected");
                return Check.Result.down(why + h.nextAttempt().map(at -> "; next attempt in "
                        + Math.max(0, Duration.between(clock.instant(), at).toSeconds()) + " s").orElse(""));
            }
            Instant now = clock.instant();
            Optional<Instant> read = h.lastSuccess().filter(at -> Duration.between(at, now).compareTo(freshness) <= 0);
            if (read.isPresent()) {
                return Check.Result.up("last read " + Duration.between(read.get(), now).toSeconds() + " s ago");
            }
            // ready before a backlog is drained: connected and working through it counts, not only a finished read
            return h.lastProgress().filter(at -> Duration.between(at, now).compareTo(freshness) <= 0)
                    .map(at -> Check.Result.up("working through the mail waiting, last progress "
                            + Duration.between(at, now).toSeconds() + " s ago"))
                    .orElseGet(() -> Check.Result.down("no successful read for more than " + freshness.toSeconds() + " s"));
        });
    }

    /** Failed attempts in a row (no mail sent in between) from which the relay counts as refusing: not ready. */
    static final int REFUSALS_DOWN = 5;
    /** Answers queued this long while nothing at all was sent: the relay is not working, whatever it says. */
    static final Duration STALLED = Duration.ofMinutes(2);

    /**
     * The SMTP relay takes our mail: down while the last attempt to connect failed (an untrusted certificate, a
     * refused login, no OAuth2 token...), while the last {@value #REFUSALS_DOWN} attempts or more all failed with no
     * mail sent in between, or while answers have been queued longer than {@link #STALLED} and nothing was sent for as
     * long. One refused mail alone does not count. {@code queued} is the outbox backlog as last read (empty until
     * read).
     */
    public static Check smtp(Supplier<SmtpOutboxDispatcher.Health> dispatcher, Supplier<Optional<Outbox.Backlog>> queued,
                             Clock clock) {
        return smtp("smtp", dispatcher, queued, clock);
    }

    /** {@link #smtp(Supplier, Supplier, Clock)} under another name: one check per mailbox of a node. */
    public static Check smtp(String name, Supplier<SmtpOutboxDispatcher.Health> dispatcher,
                             Supplier<Optional<Outbox.Backlog>> queued, Clock clock) {
        return named(name, () -> {
            SmtpOutboxDispatcher.Health h = dispatcher.get();
            Optional<Outbox.Backlog> backlog = queued.get();
            String waiting = backlog.map(b -> "; " + b.pending() + " answer(s) queued"
                    + b.oldestAge().filter(age -> b.pending() > 0).map(age -> ", the oldest for " + age.toSeconds() + " s")
                    .orElse("")).orElse("");
            if (!h.running()) {
                return Check.Result.down("dispatcher stopped" + waiting);
            }
            if (h.connectionError().isPresent()) {
                return Check.Result.down(h.connectionError().get() + waiting);
            }
            if (h.failuresInARow() >= REFUSALS_DOWN) {
                return Check.Result.down("the last " + h.failuresInARow() + " attempts failed, none sent since"
                        + h.lastError().map(e -> " (last: " + e + ")").orElse("") + waiting);
            }
            Instant now = clock.instant();
            boolean stalled = backlog.filter(b -> b.pending() > 0)
                    .flatMap(Outbox.Backlog::oldestAge).filter(age -> age.compareTo(STALLED) > 0).isPresent()
                    && h.lastSent().filter(at -> Duration.between(at, now).compareTo(STALLED) <= 0).isEmpty();
            String sent = h.lastSent().map(at -> "last sent at " + at).orElse("nothing sent yet");
            if (stalled) {
                return Check.Result.down(sent + ", nothing for more than " + STALLED.toSeconds() + " s" + waiting);
            }
            String refusals = h.failuresInARow() > 0 ? "; " + h.failuresInARow() + " failed attempt(s) in a row" : "";
            return Check.Result.up(sent + refusals + waiting);
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

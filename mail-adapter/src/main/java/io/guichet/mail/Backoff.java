package io.guichet.mail;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: each delay is drawn between half and all of a ceiling that doubles up to a cap.
 * Not thread-safe: one per retrying loop, or guarded by its owner.
 */
public final class Backoff {

    /**
     * After a refused login, the first ceiling: a mail server that refused a password is not asked again for a minute
     * or two, and providers lock accounts that keep trying a wrong one.
     */
    public static final Duration FIRST_LOGIN_RETRY = Duration.ofMinutes(2);
    /** After refused logins in a row, the longest wait. */
    public static final Duration LONGEST_LOGIN_RETRY = Duration.ofMinutes(30);

    private final Duration initial;
    private final Duration cap;
    private Duration ceiling;

    public Backoff(Duration initial, Duration cap) {
        this.initial = initial;
        this.cap = cap;
        this.ceiling = initial;
    }

    /** The backoff after a refused login: 1 to 2 minutes, doubling to 30. */
    public static Backoff afterRefusedLogin() {
        return new Backoff(FIRST_LOGIN_RETRY, LONGEST_LOGIN_RETRY);
    }

    /** The delay before the next attempt; the following one will be about twice as long, up to the cap. */
    public Duration next() {
        long ceilingMillis = ceiling.toMillis();
        long delay = ceilingMillis / 2 + ThreadLocalRandom.current().nextLong(ceilingMillis / 2 + 1);
        Duration doubled = ceiling.multipliedBy(2);
        ceiling = doubled.compareTo(cap) > 0 ? cap : doubled;
        return Duration.ofMillis(delay);
    }

    /** After a success: start again from the initial delay. */
    public void reset() {
        ceiling = initial;
    }
}

package io.guichet.mail;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: each delay is drawn between half and all of a ceiling that doubles up to a cap.
 * Not thread-safe: one per retrying loop, or guarded by its owner.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration cap;
    private Duration ceiling;

    public Backoff(Duration initial, Duration cap) {
        this.initial = initial;
        this.cap = cap;
        this.ceiling = initial;
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

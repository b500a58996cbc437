package io.guichet.mail.smtp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed mail again: after {@code base}, doubling with each failure up to {@code cap}; abandoned at
 * the {@code maxAttempts}-th failure. {@link #within(Duration)} sizes {@code maxAttempts} so that retries go on for a
 * given time after the first failure (an outage that long loses no mail).
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    /** The first retry comes this long after the first failure. */
    public static final Duration BASE = Duration.ofSeconds(30);
    /** Retries are never further apart than this (the outbox notices a relay back within it). */
    public static final Duration CAP = Duration.ofMinutes(15);
    /** How long retries go on by default: a relay down for a whole day (and a night) loses no mail. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(2);

    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, was base " + base + ", cap " + cap);
        }
    }

    /** Retries every {@link #BASE} doubling up to {@link #CAP}, for {@link #DEFAULT_WINDOW} after the first failure. */
    public static RetryPolicy standard() {
        return within(DEFAULT_WINDOW);
    }

    /**
     * Retries after {@link #BASE}, doubling up to {@link #CAP}, as long as the next attempt falls within {@code window}
     * of the first failure; the mail is abandoned at the first failure after that.
     */
    public static RetryPolicy within(Duration window) {
        Objects.requireNonNull(window, "window");
        RetryPolicy unbounded = new RetryPolicy(Integer.MAX_VALUE, BASE, CAP);
        int attempts = 1;
        Duration elapsed = Duration.ZERO;
        while (attempts < 100_000) {
            Duration next = elapsed.plus(unbounded.delay(attempts));
            if (next.compareTo(window) > 0) {
                break;
            }
            elapsed = next;
            attempts++;
        }
        return new RetryPolicy(attempts, BASE, CAP);
    }

    /** After {@code failures} failed attempts (1 for the first), the next attempt's time, or empty: give up. */
    public Optional<Instant> nextAttempt(int failures, Instant now) {
        if (failures >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(now.plus(delay(failures)));
    }

    /** From the first failure to the last attempt, when every attempt fails at once. */
    public Duration span() {
        Duration total = Duration.ZERO;
        for (int failures = 1; failures < maxAttempts && failures < 100_000; failures++) {
            total = total.plus(delay(failures));
        }
        return total;
    }

    private Duration delay(int failures) {
        Duration delay = base;
        for (int i = 1; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}

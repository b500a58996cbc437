package io.guichet.discord.standin;

import java.time.Duration;

/** A failure the stand-in answers once instead of doing the call, as Discord sometimes does. */
public sealed interface Fault {

    /**
     * 429 Too Many Requests on the call's route: {@code Retry-After} in whole seconds, {@code X-RateLimit-Scope: user}
     * and a {@code Via} header (Discord's own; without it a client must read the 429 as a network-wide ban).
     */
    record RateLimited(Duration retryAfter) implements Fault {
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** A server error with that status (500, 502, 503...). */
    record ServerError(int status) implements Fault {
    }

    static Fault rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter);
    }

    static Fault serverError(int status) {
        return new ServerError(status);
    }
}

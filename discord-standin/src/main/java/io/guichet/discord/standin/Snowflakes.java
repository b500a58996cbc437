package io.guichet.discord.standin;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Discord-shaped ids: milliseconds since 2015 in the high bits, so JDA reads a sensible creation time from them. */
final class Snowflakes {

    private static final long DISCORD_EPOCH = 1_420_070_400_000L;
    private final AtomicLong last = new AtomicLong();

    String next() {
        long candidate = (Instant.now().toEpochMilli() - DISCORD_EPOCH) << 22;
        return Long.toUnsignedString(last.updateAndGet(previous -> Math.max(previous + 1, candidate)));
    }
}

package io.guichet.discord.standin;

import java.time.Instant;

/**
 * An interaction the stand-in dispatched on the gateway, as a member's command, click or typing would.
 *
 * @param what            for people: {@code /ticket show}, {@code button claim:1000}
 * @param dispatchedNanos {@link System#nanoTime()} when the dispatch was handed to the gateway socket
 */
public record SentInteraction(String id, String token, String what, Instant dispatchedAt, long dispatchedNanos) {
}

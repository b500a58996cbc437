package io.guichet.discord.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The search texts of {@code /queue search:...} that its Prev/Next buttons refer to. A button's id holds at most 100
 * characters and the page key already takes up to 45 of them, so the text (up to 100 characters) is not written in
 * the id: the id carries a short token ({@link #token}, a hash of the text, the same for the same text) and this
 * short-lived map gives the text back. Kept in memory for {@link #KEPT} after its last use, at most {@link #MAX}
 * texts; a button whose text is gone (expired, or Guichet restarted) is answered "run the command again".
 */
final class QueueSearches {

    static final Duration KEPT = Duration.ofHours(2);
    static final int MAX = 5_000;

    private record Entry(String text, Instant lastUsed) {
    }

    private final Clock clock;
    private final Map<String, Entry> texts = new LinkedHashMap<>(16, 0.75f, true);

    QueueSearches(Clock clock) {
        this.clock = clock;
    }

    /** A token of 11 characters (letters, digits, {@code -} and {@code _}) for {@code text}. */
    static String token(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 11);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** Keeps {@code text} for the buttons of a page; returns its token. */
    synchronized String remember(String text) {
        String token = token(text);
        texts.put(token, new Entry(text, clock.instant()));
        while (texts.size() > MAX) {
            texts.remove(texts.keySet().iterator().next());
        }
        return token;
    }

    /** The text of {@code token}, unless it was forgotten; a use keeps it longer. */
    synchronized Optional<String> text(String token) {
        Entry entry = texts.get(token);
        Instant now = clock.instant();
        if (entry == null || entry.lastUsed().plus(KEPT).isBefore(now)) {
            texts.remove(token);
            return Optional.empty();
        }
        texts.put(token, new Entry(entry.text(), now));
        return Optional.of(entry.text());
    }
}

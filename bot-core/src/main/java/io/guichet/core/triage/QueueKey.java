package io.guichet.core.triage;

import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * R15: where a ticket stands in the triage order ({@link TriageOrder}) on a given day, the key a page of the queue
 * continues after (keyset pagination: the next page is "the tickets after this key", read from the index, however deep
 * the page). Severity (5 for none), whether the submitter was certified that day, the earliest pending due time
 * (none sorts last), creation time, number.
 *
 * <p>{@link #text()} writes it in at most 45 characters ({@code 2c.m1bz5q8o00.m1bz2yq0a3.8ab}: severity and
 * {@code c}ertified or {@code u}ncertified, then the due time ({@code -} for none) and the creation time in base 36
 * microseconds since the epoch, then the number in base 36), for a button's id; {@link #parse} reads it back.
 */
public record QueueKey(int severity, boolean certified, Optional<Instant> due, Instant createdAt, long number) {

    private static final Pattern TEXT = Pattern.compile("([1-5])([cu])\\.(-|-?[0-9a-z]{1,13})\\.(-?[0-9a-z]{1,13})\\.([0-9a-z]{1,13})");

    /** The triage order of keys: the same as {@link TriageOrder} of the tickets they were taken from. */
    public static final Comparator<QueueKey> ORDER = Comparator.comparingInt(QueueKey::severity)
            .thenComparing(k -> !k.certified())
            .thenComparing(k -> k.due().orElse(Instant.MAX))
            .thenComparing(QueueKey::createdAt)
            .thenComparingLong(QueueKey::number);

    public QueueKey {
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("severity must be 1 to 5 (5: none), was " + severity);
        }
        due = due.map(QueueKey::micros);
        createdAt = micros(createdAt);
    }

    /** The key of {@code ticket} in the queue of {@code today}. */
    public static QueueKey of(Ticket ticket, LocalDate today) {
        return new QueueKey(ticket.severity().map(Severity::level).orElse(5), ticket.submitterCertifiedOn(today),
                ticket.due().earliest(), ticket.createdAt(), ticket.number().value());
    }

    /** Is {@code ticket} after this key in the queue of {@code today}? */
    public boolean precedes(Ticket ticket, LocalDate today) {
        return ORDER.compare(this, of(ticket, today)) < 0;
    }

    /** The key written for a button's id (see the class comment). */
    public String text() {
        return severity + (certified ? "c" : "u") + "." + due.map(QueueKey::base36).orElse("-") + "."
                + base36(createdAt) + "." + Long.toString(number, 36);
    }

    /** The key {@link #text()} wrote, or empty for anything else. */
    public static Optional<QueueKey> parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Optional<Instant> due = m.group(3).equals("-") ? Optional.empty() : Optional.of(instant(m.group(3)));
            return Optional.of(new QueueKey(Integer.parseInt(m.group(1)), m.group(2).equals("c"), due,
                    instant(m.group(4)), Long.parseLong(m.group(5), 36)));
        } catch (NumberFormatException | java.time.DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static String base36(Instant instant) {
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
        return Long.toString(micros, 36);
    }

    private static Instant instant(String text) {
        long micros = Long.parseLong(text, 36);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}

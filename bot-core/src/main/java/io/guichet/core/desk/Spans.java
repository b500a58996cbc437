package io.guichet.core.desk;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of time as technicians type it, the same on every channel (R17 {@code frequency}): 12h, 2d, 1d 12h, 90m, or
 * ISO-8601 (PT12H, P2D); only positive spans.
 */
public final class Spans {

    /** What is accepted, for refusals. */
    public static final String ACCEPTED = "12h, 2d, 1d 12h, 90m or ISO-8601 (PT12H)";

    private static final Pattern SPAN =
            Pattern.compile("(?i)\\s*(?:(\\d{1,4})\\s*d)?\\s*(?:(\\d{1,5})\\s*h)?\\s*(?:(\\d{1,6})\\s*m)?\\s*");

    private Spans() {
    }

    /** The span {@code text} writes; empty when it is not one, or not positive. */
    public static Optional<Duration> parse(String text) {
        Duration span = null;
        Matcher m = SPAN.matcher(text);
        if (m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
            span = Duration.ofDays(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                    .plusHours(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                    .plusMinutes(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
        } else {
            String upper = text.strip().toUpperCase(Locale.ROOT);
            try {
                span = upper.startsWith("P") ? Duration.parse(upper) : null;
            } catch (DateTimeParseException e) {
                span = null;
            }
        }
        return span == null || span.isNegative() || span.isZero() ? Optional.empty() : Optional.of(span);
    }
}

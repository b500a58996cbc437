package io.guichet.app.config;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration or period as an operator writes it: ISO-8601 ({@code PT30S}, {@code PT4H}, {@code P7D}) or the short
 * form {@code 30s}, {@code 15m}, {@code 4h}, {@code 7d}, and combinations such as {@code 1h30m} or {@code 2d12h}.
 * In the short form {@code m} is minutes; a period (days, months, years) takes {@code d} only, or ISO-8601
 * ({@code P6M}, {@code P1Y}).
 */
public final class DurationText {

    /** What a message says is accepted for a duration. */
    public static final String ACCEPTED = "a positive duration such as 30s, 15m, 4h, 7d or ISO-8601 PT30S, PT4H, P7D";
    /** What a message says is accepted for a period. */
    public static final String ACCEPTED_PERIOD = "a positive period such as 30d or ISO-8601 P30D, P6M, P1Y";

    private static final Pattern SHORT = Pattern.compile("(?:\\d+[dhms])+");
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");
    private static final Pattern SHORT_DAYS = Pattern.compile("(\\d+)d");

    private DurationText() {
    }

    /** A positive duration, or empty when {@code text} is neither form or not positive. */
    public static Optional<Duration> parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Optional<Duration> parsed = SHORT.matcher(value).matches() ? shortForm(value) : iso(value);
        return parsed.filter(d -> !d.isNegative() && !d.isZero());
    }

    /** A positive period, or empty when {@code text} is neither {@code Nd} nor ISO-8601 or not positive. */
    public static Optional<Period> parsePeriod(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Optional<Period> parsed;
        Matcher days = SHORT_DAYS.matcher(value);
        if (days.matches()) {
            parsed = integer(days.group(1)).map(Period::ofDays);
        } else {
            try {
                parsed = Optional.of(Period.parse(value.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                parsed = Optional.empty();
            }
        }
        return parsed.filter(p -> !p.isNegative() && !p.isZero());
    }

    private static Optional<Duration> shortForm(String value) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        try {
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(total);
    }

    private static Optional<Duration> iso(String value) {
        try {
            return Optional.of(Duration.parse(value.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> integer(String digits) {
        try {
            return Optional.of(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

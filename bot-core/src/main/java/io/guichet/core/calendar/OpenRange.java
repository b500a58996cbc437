package io.guichet.core.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stretch of business hours within a day, in wall-clock time, from {@code start} (inclusive) to {@code end}
 * (exclusive), e.g. 09:00-12:30. Serves policy R14: severities 2 to 4 are worked "during business hours".
 *
 * <p>A range lies within one day: {@code start} is before {@code end}, except that an {@code end} of
 * {@link LocalTime#MIDNIGHT} means the end of the day (written {@code 24:00}). A night shift is two ranges on two
 * days, e.g. {@code SAT 22:00-24:00; SUN 00:00-06:00}.
 */
public record OpenRange(LocalTime start, LocalTime end) {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Duration DAY = Duration.ofDays(1);

    /**
     * @throws IllegalArgumentException if the range does not end after it starts (use {@link #parse} for input)
     */
    public OpenRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.equals(LocalTime.MIDNIGHT) && !start.isBefore(end)) {
            throw new IllegalArgumentException("range " + start + "-" + end + " does not end after it starts");
        }
    }

    /**
     * Parses {@code HH:MM-HH:MM}, e.g. {@code 09:00-18:00}; {@code 24:00} is accepted as a closing time.
     */
    public static Parsed<OpenRange> parse(String text) {
        String trimmed = text.strip();
        int dash = trimmed.indexOf('-');
        if (dash < 0) {
            return new Parsed.Invalid<>(quote(trimmed) + " is not a range: use HH:MM-HH:MM, e.g. 09:00-18:00");
        }
        Parsed<LocalTime> start = parseTime(trimmed.substring(0, dash), false);
        Parsed<LocalTime> end = parseTime(trimmed.substring(dash + 1), true);
        return switch (start) {
            case Parsed.Invalid<LocalTime>(String message) -> new Parsed.Invalid<>(message);
            case Parsed.Ok<LocalTime>(LocalTime from) -> switch (end) {
                case Parsed.Invalid<LocalTime>(String message) -> new Parsed.Invalid<>(message);
                case Parsed.Ok<LocalTime>(LocalTime to) -> checked(trimmed, from, to);
            };
        };
    }

    /** Whether this range closes at the end of the day (24:00). */
    public boolean endsAtMidnight() {
        return end.equals(LocalTime.MIDNIGHT);
    }

    /** The wall-clock length of the range (the real length on a day without a daylight-saving change in it). */
    public Duration length() {
        return endOffset().minus(startOffset());
    }

    /** Whether the two ranges share some time; ranges that only touch (12:00-13:00, 13:00-14:00) do not. */
    public boolean overlaps(OpenRange other) {
        return startOffset().compareTo(other.endOffset()) < 0 && other.startOffset().compareTo(endOffset()) < 0;
    }

    /** Whether the wall-clock time {@code time} falls in this range (start inclusive, end exclusive). */
    public boolean contains(LocalTime time) {
        Duration offset = Duration.ofNanos(time.toNanoOfDay());
        return startOffset().compareTo(offset) <= 0 && offset.compareTo(endOffset()) < 0;
    }

    /** The range as written in configuration, e.g. {@code 09:00-18:00} or {@code 22:00-24:00}. */
    @Override
    public String toString() {
        return start + "-" + (endsAtMidnight() ? "24:00" : end.toString());
    }

    private Duration startOffset() {
        return Duration.ofNanos(start.toNanoOfDay());
    }

    private Duration endOffset() {
        return endsAtMidnight() ? DAY : Duration.ofNanos(end.toNanoOfDay());
    }

    private static Parsed<OpenRange> checked(String text, LocalTime start, LocalTime end) {
        if (!end.equals(LocalTime.MIDNIGHT) && !start.isBefore(end)) {
            return new Parsed.Invalid<>(quote(text) + " does not end after it starts: a range lies within one day,"
                    + " so split a night in two (e.g. SAT 22:00-24:00; SUN 00:00-06:00)");
        }
        return new Parsed.Ok<>(new OpenRange(start, end));
    }

    private static Parsed<LocalTime> parseTime(String text, boolean closing) {
        String trimmed = text.strip();
        Matcher matcher = TIME.matcher(trimmed);
        if (matcher.matches()) {
            int hour = Integer.parseInt(matcher.group(1));
            int minute = Integer.parseInt(matcher.group(2));
            if (hour < 24 && minute < 60) {
                return new Parsed.Ok<>(LocalTime.of(hour, minute));
            }
            if (closing && hour == 24 && minute == 0) {
                return new Parsed.Ok<>(LocalTime.MIDNIGHT);
            }
        }
        return new Parsed.Invalid<>(quote(trimmed) + " is not a time: use HH:MM from 00:00 to 23:59"
                + " (24:00 only as a closing time)");
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }
}

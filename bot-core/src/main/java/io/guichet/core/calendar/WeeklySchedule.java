package io.guichet.core.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The business hours of a week, in wall-clock time: for each day its open ranges, e.g. 09:00-12:30 and
 * 13:30-18:00. A day without ranges is closed. Serves policy R14 (severities 2 to 4 are worked during business
 * hours) and R22 (the hours are a setting, see {@link #parse}).
 *
 * <p>The map is normalized: only open days appear, each with its ranges sorted and unmodifiable. Ranges of one
 * day may touch but not overlap, and at least one day is open.
 */
public record WeeklySchedule(Map<DayOfWeek, List<OpenRange>> days) {

    private static final String DAY_NAMES = "MON, TUE, WED, THU, FRI, SAT, SUN";
    private static final String EXAMPLE = "MON-FRI 09:00-18:00";

    /**
     * @throws IllegalArgumentException if ranges of a day overlap or no day is open (use {@link #parse} for input)
     */
    public WeeklySchedule {
        days = normalized(days);
        List<String> overlaps = overlaps(days);
        if (!overlaps.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", overlaps));
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException(emptyMessage());
        }
    }

    /**
     * Parses a schedule setting such as {@code MON-FRI 09:00-18:00} or
     * {@code MON-THU 08:30-12:00,13:00-17:30; FRI 08:30-16:00}: day groups separated by {@code ;}, each a day
     * ({@code MON}) or a span of days ({@code MON-FRI}) followed by comma-separated ranges {@code HH:MM-HH:MM}
     * ({@code 24:00} closes at the end of the day). Day names are MON to SUN, in any case. A day named in two
     * groups gets the ranges of both. Every problem found is reported, in one message.
     */
    public static Parsed<WeeklySchedule> parse(String spec) {
        List<String> problems = new ArrayList<>();
        Map<DayOfWeek, List<OpenRange>> days = new EnumMap<>(DayOfWeek.class);
        for (String group : spec.split(";")) {
            if (!group.isBlank()) {
                parseGroup(group.strip(), days, problems);
            }
        }
        problems.addAll(overlaps(normalized(days)));
        if (problems.isEmpty() && days.isEmpty()) {
            problems.add(emptyMessage());
        }
        return problems.isEmpty()
                ? new Parsed.Ok<>(new WeeklySchedule(days))
                : new Parsed.Invalid<>(String.join("; ", problems));
    }

    /** The open ranges of {@code day}, sorted; empty when the day is closed. */
    public List<OpenRange> rangesOn(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    /** The wall-clock open time of a whole week without holidays or daylight-saving changes. */
    public Duration weeklyOpenTime() {
        return days.values().stream()
                .flatMap(List::stream)
                .map(OpenRange::length)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The schedule in the setting's syntax, one group per open day, e.g. {@code MON 09:00-18:00; TUE ...}. */
    @Override
    public String toString() {
        return days.entrySet().stream()
                .map(day -> shortName(day.getKey()) + " " + day.getValue().stream()
                        .map(OpenRange::toString)
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining("; "));
    }

    private static void parseGroup(String group, Map<DayOfWeek, List<OpenRange>> days, List<String> problems) {
        String[] parts = group.split("\\s+", 2);
        if (parts.length < 2) {
            problems.add(OpenRange.quote(group) + " has no hours: write the days then the hours, e.g. " + EXAMPLE);
            return;
        }
        List<OpenRange> ranges = new ArrayList<>();
        for (String range : parts[1].split(",", -1)) {
            switch (OpenRange.parse(range)) {
                case Parsed.Ok<OpenRange>(OpenRange ok) -> ranges.add(ok);
                case Parsed.Invalid<OpenRange>(String message) -> problems.add(message);
            }
        }
        switch (parseDays(parts[0])) {
            case Parsed.Ok<List<DayOfWeek>>(List<DayOfWeek> span) -> span.forEach(
                    day -> days.computeIfAbsent(day, d -> new ArrayList<>()).addAll(ranges));
            case Parsed.Invalid<List<DayOfWeek>>(String message) -> problems.add(message);
        }
    }

    private static Parsed<List<DayOfWeek>> parseDays(String text) {
        String[] ends = text.split("-", -1);
        if (ends.length > 2) {
            return new Parsed.Invalid<>(OpenRange.quote(text) + " is not a day or a span of days: use e.g. MON or"
                    + " MON-FRI");
        }
        Parsed<DayOfWeek> first = parseDay(ends[0]);
        Parsed<DayOfWeek> last = ends.length == 1 ? first : parseDay(ends[1]);
        return switch (first) {
            case Parsed.Invalid<DayOfWeek>(String message) -> new Parsed.Invalid<>(message);
            case Parsed.Ok<DayOfWeek>(DayOfWeek from) -> switch (last) {
                case Parsed.Invalid<DayOfWeek>(String message) -> new Parsed.Invalid<>(message);
                case Parsed.Ok<DayOfWeek>(DayOfWeek to) -> span(text, from, to);
            };
        };
    }

    private static Parsed<List<DayOfWeek>> span(String text, DayOfWeek from, DayOfWeek to) {
        if (from.compareTo(to) > 0) {
            return new Parsed.Invalid<>(OpenRange.quote(text) + " runs backwards: the week goes from MON to SUN,"
                    + " so name the earlier day first or write two groups");
        }
        return new Parsed.Ok<>(Stream.of(DayOfWeek.values())
                .filter(day -> day.compareTo(from) >= 0 && day.compareTo(to) <= 0)
                .toList());
    }

    private static Parsed<DayOfWeek> parseDay(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        return Stream.of(DayOfWeek.values())
                .filter(day -> shortName(day).equals(name))
                .findFirst()
                .<Parsed<DayOfWeek>>map(Parsed.Ok::new)
                .orElseGet(() -> new Parsed.Invalid<>(OpenRange.quote(text.strip()) + " is not a day: use "
                        + DAY_NAMES));
    }

    private static String shortName(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    private static Map<DayOfWeek, List<OpenRange>> normalized(Map<DayOfWeek, List<OpenRange>> days) {
        Map<DayOfWeek, List<OpenRange>> sorted = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, ranges) -> {
            if (!ranges.isEmpty()) {
                sorted.put(day, ranges.stream().sorted(Comparator.comparing(OpenRange::start)).toList());
            }
        });
        return Collections.unmodifiableMap(sorted);
    }

    private static List<String> overlaps(Map<DayOfWeek, List<OpenRange>> sortedDays) {
        return sortedDays.entrySet().stream()
                .flatMap(day -> overlap(day.getKey(), day.getValue()).stream())
                .toList();
    }

    private static Optional<String> overlap(DayOfWeek day, List<OpenRange> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                return Optional.of(shortName(day) + ": " + sorted.get(i - 1) + " overlaps " + sorted.get(i)
                        + ": ranges of one day must not overlap");
            }
        }
        return Optional.empty();
    }

    private static String emptyMessage() {
        return "the schedule opens no day: give at least one day group, e.g. " + EXAMPLE;
    }
}

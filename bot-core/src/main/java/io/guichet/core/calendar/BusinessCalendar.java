package io.guichet.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Business hours in one time zone: the calendar of severity 2 to 4 tickets (policy R14), against which the
 * initial-response (R15) and follow-up (R16) targets are counted. Open hours come from a {@link WeeklySchedule}
 * of wall-clock ranges; holidays close whole days. All three are settings (R22).
 *
 * <h2>Daylight-saving changes</h2>
 * Arithmetic works day by day on the zone's local dates. Each range of an open day becomes a real interval of
 * instants:
 * <ul>
 *   <li>it opens at the <em>first</em> instant the wall clock shows its start time; if that time is skipped by a
 *       spring-forward gap, at the end of the gap (the first instant the clock shows a later time);</li>
 *   <li>it closes at the <em>last</em> instant the wall clock shows its end time (the second occurrence when the
 *       time is repeated by a fall-back overlap); if that time is skipped by a gap, at the end of the gap;
 *       {@code 24:00} closes at the start of the next day;</li>
 *   <li>its open time is the real time elapsed between the two; when two ranges of a day touch at a repeated
 *       time (01:00-02:30,02:30-04:00 on a fall-back night), the second opens where the first closed, so no
 *       time is counted twice.</li>
 * </ul>
 * So a 09:00-18:00 day is 9 real hours on a change day when the change happens outside the range (in Europe at
 * night), while a range containing the change counts the real time: {@code 00:00-24:00} is 23 hours on the
 * spring-forward day and 25 on the fall-back day; the skipped hour is never worked and the repeated hour is
 * worked twice.
 *
 * <h2>Cost</h2>
 * Whole weeks without holidays or offset changes are skipped in one step; other days are walked one at a time, so
 * adding hundreds of hours costs a few dozen steps, never one per minute.
 */
public final class BusinessCalendar implements ServiceCalendar {

    private final ZoneId zone;
    private final ZoneRules rules;
    private final WeeklySchedule schedule;
    private final NavigableSet<LocalDate> holidays;
    private final Duration plainWeek;

    private BusinessCalendar(ZoneId zone, WeeklySchedule schedule, Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(holidays));
        this.plainWeek = schedule.weeklyOpenTime();
    }

    /** The calendar open per {@code schedule} in {@code zone}, closed all day on each of {@code holidays}. */
    public static BusinessCalendar of(ZoneId zone, WeeklySchedule schedule, Set<LocalDate> holidays) {
        return new BusinessCalendar(zone, schedule, holidays);
    }

    /** The zone whose wall clock the schedule and holidays are read in. */
    public ZoneId zone() {
        return zone;
    }

    /** The weekly open ranges. */
    public WeeklySchedule schedule() {
        return schedule;
    }

    /** The closed days, sorted. */
    public NavigableSet<LocalDate> holidays() {
        return holidays;
    }

    @Override
    public Instant addOpenTime(Instant start, Duration amount) {
        Duration remaining = ServiceCalendar.requireNonNegative(amount);
        LocalDate day = localDate(start).minusDays(1);
        while (true) {
            if (remaining.compareTo(plainWeek) > 0 && !startOf(day).isBefore(start) && isPlainWeek(day)) {
                remaining = remaining.minus(plainWeek);
                day = day.plusWeeks(1);
                continue;
            }
            for (Interval interval : intervals(day)) {
                if (interval.end().isAfter(start)) {
                    Instant from = later(interval.start(), start);
                    Duration available = Duration.between(from, interval.end());
                    if (remaining.compareTo(available) <= 0) {
                        return from.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            }
            day = day.plusDays(1);
        }
    }

    @Override
    public Duration openTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = localDate(to);
        LocalDate day = localDate(from).minusDays(1);
        while (!day.isAfter(last)) {
            if (!startOf(day).isBefore(from) && !startOf(day.plusWeeks(1)).isAfter(to) && isPlainWeek(day)) {
                total = total.plus(plainWeek);
                day = day.plusWeeks(1);
                continue;
            }
            for (Interval interval : intervals(day)) {
                total = total.plus(interval.overlap(from, to));
            }
            day = day.plusDays(1);
        }
        return total;
    }

    @Override
    public boolean isOpen(Instant at) {
        LocalDate day = localDate(at);
        return Stream.of(day.minusDays(1), day)
                .flatMap(date -> intervals(date).stream())
                .anyMatch(interval -> interval.contains(at));
    }

    @Override
    public String toString() {
        return "BusinessCalendar[zone=" + zone + ", schedule=" + schedule + ", holidays=" + holidays + "]";
    }

    /** The real open intervals of {@code day}, in order; none on a holiday or a closed day. */
    private List<Interval> intervals(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        List<Interval> intervals = new ArrayList<>();
        Instant previousClose = Instant.MIN;
        for (OpenRange range : schedule.rangesOn(day.getDayOfWeek())) {
            // Touching ranges (01:00-02:30,02:30-04:00) must not count a repeated 02:30 twice.
            Instant opens = later(opening(day.atTime(range.start())), previousClose);
            Instant closes = range.endsAtMidnight() ? startOf(day.plusDays(1)) : closing(day.atTime(range.end()));
            if (opens.isBefore(closes)) {
                intervals.add(new Interval(opens, closes));
                previousClose = closes;
            }
        }
        return intervals;
    }

    /**
     * Whether the seven days from {@code day} hold no holiday and no offset change, so their open time is exactly
     * the schedule's wall-clock week.
     */
    private boolean isPlainWeek(LocalDate day) {
        LocalDate next = day.plusWeeks(1);
        if (!holidays.subSet(day, true, next, false).isEmpty()) {
            return false;
        }
        Instant end = startOf(next);
        return Optional.ofNullable(rules.nextTransition(startOf(day)))
                .map(ZoneOffsetTransition::getInstant)
                .map(change -> !change.isBefore(end))
                .orElse(true);
    }

    /** The first instant the wall clock shows {@code time}, or the end of the gap that skips it. */
    private Instant opening(LocalDateTime time) {
        return occurrences(time).getFirst();
    }

    /** The last instant the wall clock shows {@code time}, or the end of the gap that skips it. */
    private Instant closing(LocalDateTime time) {
        return occurrences(time).getLast();
    }

    /** The instants at which the wall clock shows {@code time}, earliest first: one, two in an overlap. */
    private List<Instant> occurrences(LocalDateTime time) {
        List<ZoneOffset> offsets = rules.getValidOffsets(time);
        if (offsets.isEmpty()) {
            return List.of(rules.getTransition(time).getInstant());
        }
        return offsets.stream().map(time::toInstant).sorted().toList();
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    private LocalDate localDate(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A real open interval, {@code [start, end)}. */
    private record Interval(Instant start, Instant end) {

        boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }

        Duration overlap(Instant from, Instant to) {
            Instant lower = start.isAfter(from) ? start : from;
            Instant upper = end.isBefore(to) ? end : to;
            return lower.isBefore(upper) ? Duration.between(lower, upper) : Duration.ZERO;
        }
    }
}

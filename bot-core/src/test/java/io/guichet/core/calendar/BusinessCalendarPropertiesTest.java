package io.guichet.core.calendar;

import static io.guichet.core.calendar.BusinessCalendarTest.PARIS;
import static io.guichet.core.calendar.BusinessCalendarTest.calendar;
import static io.guichet.core.calendar.BusinessCalendarTest.paris;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Laws checked over many start instants spread over 2026 (both daylight-saving changes included) and many
 * amounts, for several schedules: the calendar must agree with itself and with a naive minute-by-minute count.
 */
class BusinessCalendarPropertiesTest {

    private static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.parse("2026-04-06"),
            LocalDate.parse("2026-05-01"), LocalDate.parse("2026-10-26"), LocalDate.parse("2026-12-25"));

    private static final List<Duration> AMOUNTS = Stream.of(0L, 1L, 45L, 240L, 540L, 1050L, 2400L, 7397L, 24000L)
            .map(Duration::ofMinutes)
            .toList();

    static Stream<Arguments> calendars() {
        return Stream.of(
                "MON-FRI 09:00-18:00",
                "MON-THU 08:30-12:00,13:00-17:30; FRI 08:30-16:00",
                "MON-FRI 08:00-12:00,14:00-19:00; SAT 10:00-14:00; SUN 00:00-24:00",
                "SAT 22:00-24:00; SUN 00:00-06:00",
                "MON-SUN 01:00-04:00,07:15-07:45")
                .map(spec -> Arguments.of(spec, calendar(spec, HOLIDAYS)));
    }

    private static Stream<Instant> starts(Duration step) {
        return Stream.iterate(paris("2026-01-01T00:00"), start -> start.isBefore(paris("2027-01-01T00:00")),
                start -> start.plus(step));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calendars")
    @DisplayName("R15/R16: openTimeBetween(start, addOpenTime(start, amount)) is amount, and the due time is open")
    void openTimeBetweenInvertsAddOpenTime(String spec, BusinessCalendar calendar) {
        SoftAssertions softly = new SoftAssertions();
        starts(Duration.ofMinutes(1433)).forEach(start -> AMOUNTS.forEach(amount -> {
            Instant due = calendar.addOpenTime(start, amount);
            softly.assertThat(due).as("due from %s + %s", start, amount).isAfterOrEqualTo(start);
            softly.assertThat(calendar.openTimeBetween(start, due)).as("open time to %s from %s", due, start)
                    .isEqualTo(amount);
            Instant lastOpenInstant = amount.isZero() ? due : due.minusNanos(1);
            softly.assertThat(calendar.isOpen(lastOpenInstant)).as("open at %s", lastOpenInstant).isTrue();
        }));
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calendars")
    @DisplayName("R15/R16: adding the open time between two instants comes back to the second one, or to the last"
            + " closing before it")
    void addOpenTimeInvertsOpenTimeBetween(String spec, BusinessCalendar calendar) {
        SoftAssertions softly = new SoftAssertions();
        starts(Duration.ofMinutes(2017)).forEach(from -> Stream.of(1L, 59L, 601L, 2999L, 20011L)
                .map(minutes -> from.plus(Duration.ofMinutes(minutes)))
                .forEach(to -> {
                    Duration openTime = calendar.openTimeBetween(from, to);
                    Instant due = calendar.addOpenTime(from, openTime);
                    if (!openTime.isZero()) {
                        softly.assertThat(due).as("from %s to %s", from, to).isBeforeOrEqualTo(to);
                        softly.assertThat(calendar.openTimeBetween(due, to)).as("from %s to %s", from, to).isZero();
                    }
                    if (calendar.isOpen(to) && calendar.isOpen(to.minusNanos(1))) {
                        softly.assertThat(due).as("from %s to %s, open", from, to).isEqualTo(to);
                    }
                }));
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calendars")
    @DisplayName("R14: open time and isOpen agree with a minute-by-minute reading of the wall clock around both"
            + " changes and the holidays")
    void agreesWithWallClockMinuteCount(String spec, BusinessCalendar calendar) {
        SoftAssertions softly = new SoftAssertions();
        for (String[] window : new String[][] {
                {"2026-03-14T07:13", "2026-05-09T15:47"},
                {"2026-10-15T23:31", "2026-11-05T08:07"},
                {"2026-12-19T12:00", "2027-01-04T00:00"}}) {
            Instant from = paris(window[0]);
            Instant to = paris(window[1]);
            long openMinutes = 0;
            for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
                boolean open = wallClockSaysOpen(calendar, minute);
                openMinutes += open ? 1 : 0;
                if (open != calendar.isOpen(minute)) {
                    softly.fail("isOpen(%s) should be %s", minute, open);
                }
            }
            softly.assertThat(calendar.openTimeBetween(from, to)).as("open time from %s to %s", from, to)
                    .isEqualTo(Duration.ofMinutes(openMinutes));
        }
        softly.assertAll();
    }

    /** The naive reading: the Paris wall clock shows a time inside a range of a day that is not a holiday. */
    private static boolean wallClockSaysOpen(BusinessCalendar calendar, Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, PARIS);
        return !calendar.holidays().contains(local.toLocalDate())
                && calendar.schedule().rangesOn(local.getDayOfWeek()).stream()
                        .anyMatch(range -> range.contains(local.toLocalTime()));
    }
}

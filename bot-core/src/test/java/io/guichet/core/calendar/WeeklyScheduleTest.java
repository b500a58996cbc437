package io.guichet.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeeklyScheduleTest {

    private static OpenRange range(String start, String end) {
        return new OpenRange(LocalTime.parse(start), LocalTime.parse(end));
    }

    private static String problem(String spec) {
        return switch (WeeklySchedule.parse(spec)) {
            case Parsed.Invalid<WeeklySchedule>(String message) -> message;
            case Parsed.Ok<WeeklySchedule>(WeeklySchedule ok) -> throw new AssertionError("accepted: " + ok);
        };
    }

    @Test
    @DisplayName("R22: a day span with one range opens each day of the span")
    void parsesSpan() {
        WeeklySchedule schedule = WeeklySchedule.parse("MON-FRI 09:00-18:00").orElseThrow();
        assertThat(schedule.days()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(schedule.rangesOn(DayOfWeek.WEDNESDAY)).containsExactly(range("09:00", "18:00"));
        assertThat(schedule.rangesOn(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(schedule.weeklyOpenTime()).isEqualTo(Duration.ofHours(45));
    }

    @Test
    @DisplayName("R22: groups, split days, lower case, spaces and 24:00 are accepted")
    void parsesGroups() {
        WeeklySchedule schedule = WeeklySchedule
                .parse(" mon-thu 08:30-12:00, 13:00-17:30 ; FRI 08:30-16:00; SAT 22:00-24:00;")
                .orElseThrow();
        assertThat(schedule.rangesOn(DayOfWeek.MONDAY))
                .containsExactly(range("08:30", "12:00"), range("13:00", "17:30"));
        assertThat(schedule.rangesOn(DayOfWeek.FRIDAY)).containsExactly(range("08:30", "16:00"));
        assertThat(schedule.rangesOn(DayOfWeek.SATURDAY)).containsExactly(range("22:00", "00:00"));
        assertThat(schedule.rangesOn(DayOfWeek.SATURDAY).getFirst().endsAtMidnight()).isTrue();
        assertThat(schedule.rangesOn(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(schedule).hasToString("MON 08:30-12:00,13:00-17:30; TUE 08:30-12:00,13:00-17:30;"
                + " WED 08:30-12:00,13:00-17:30; THU 08:30-12:00,13:00-17:30; FRI 08:30-16:00; SAT 22:00-24:00");
    }

    @Test
    @DisplayName("R22: a day named in two groups gets the ranges of both, sorted")
    void mergesGroups() {
        WeeklySchedule schedule = WeeklySchedule.parse("MON 14:00-18:00; MON-TUE 09:00-12:00").orElseThrow();
        assertThat(schedule.rangesOn(DayOfWeek.MONDAY))
                .containsExactly(range("09:00", "12:00"), range("14:00", "18:00"));
    }

    @Test
    @DisplayName("R22: a schedule printed by toString parses back to the same schedule")
    void roundTrip() {
        WeeklySchedule schedule = WeeklySchedule.parse("MON-THU 08:30-12:00,13:00-17:30; FRI 08:30-16:00")
                .orElseThrow();
        assertThat(WeeklySchedule.parse(schedule.toString()).orElseThrow()).isEqualTo(schedule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            MOM 09:00-18:00           | "MOM" is not a day: use MON, TUE, WED, THU, FRI, SAT, SUN
            MON-FRY 09:00-18:00       | "FRY" is not a day: use MON, TUE, WED, THU, FRI, SAT, SUN
            FRI-MON 09:00-18:00       | "FRI-MON" runs backwards: the week goes from MON to SUN, so name the earlier day first or write two groups
            MON-WED-FRI 09:00-18:00   | "MON-WED-FRI" is not a day or a span of days: use e.g. MON or MON-FRI
            MON-FRI                   | "MON-FRI" has no hours: write the days then the hours, e.g. MON-FRI 09:00-18:00
            MON-FRI 9h00-18:00        | "9h00" is not a time: use HH:MM from 00:00 to 23:59 (24:00 only as a closing time)
            MON-FRI 09:00-25:00       | "25:00" is not a time: use HH:MM from 00:00 to 23:59 (24:00 only as a closing time)
            MON-FRI 24:00-24:00       | "24:00" is not a time: use HH:MM from 00:00 to 23:59 (24:00 only as a closing time)
            MON-FRI 0900              | "0900" is not a range: use HH:MM-HH:MM, e.g. 09:00-18:00
            MON-FRI 18:00-09:00       | "18:00-09:00" does not end after it starts: a range lies within one day, so split a night in two (e.g. SAT 22:00-24:00; SUN 00:00-06:00)
            MON-FRI 09:00-09:00       | "09:00-09:00" does not end after it starts: a range lies within one day, so split a night in two (e.g. SAT 22:00-24:00; SUN 00:00-06:00)
            MON 09:00-12:30,12:00-18:00 | MON: 09:00-12:30 overlaps 12:00-18:00: ranges of one day must not overlap
            ' '                       | the schedule opens no day: give at least one day group, e.g. MON-FRI 09:00-18:00
            ;                         | the schedule opens no day: give at least one day group, e.g. MON-FRI 09:00-18:00
            """)
    @DisplayName("R22: a bad schedule is refused with a message naming the bad piece and what is accepted")
    void refusesWithMessage(String spec, String message) {
        assertThat(problem(spec)).isEqualTo(message);
    }

    @Test
    @DisplayName("R22: every problem of a schedule is reported at once")
    void reportsAllProblems() {
        assertThat(problem("MOM 09:00-18:00; TUE 18:00-09:00; WED 08:00-12:00,11:00-14:00"))
                .contains("\"MOM\" is not a day")
                .contains("\"18:00-09:00\" does not end after it starts")
                .contains("WED: 08:00-12:00 overlaps 11:00-14:00");
    }

    @Test
    @DisplayName("R22: ranges that only touch are accepted")
    void touchingRanges() {
        assertThat(WeeklySchedule.parse("MON 09:00-12:00,12:00-18:00").orElseThrow().weeklyOpenTime())
                .isEqualTo(Duration.ofHours(9));
    }

    @Test
    @DisplayName("R22: a schedule built in code is checked as strictly as a parsed one")
    void constructorChecks() {
        assertThatThrownBy(() -> new WeeklySchedule(Map.of(DayOfWeek.MONDAY,
                List.of(range("09:00", "12:00"), range("11:00", "13:00")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MON: 09:00-12:00 overlaps 11:00-13:00");
        assertThatThrownBy(() -> new WeeklySchedule(Map.of(DayOfWeek.MONDAY, List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("opens no day");
        assertThatThrownBy(() -> range("18:00", "09:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("18:00-09:00 does not end after it starts");
    }

    @Test
    @DisplayName("R22: orElseThrow turns an invalid setting into an exception carrying the same message")
    void orElseThrow() {
        assertThatThrownBy(() -> WeeklySchedule.parse("MOM 09:00-18:00").orElseThrow())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"MOM\" is not a day: use MON, TUE, WED, THU, FRI, SAT, SUN");
    }
}

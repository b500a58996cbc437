package io.guichet.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate CHRISTMAS_FRIDAY = LocalDate.parse("2026-12-25");
    static final LocalDate EASTER_MONDAY = LocalDate.parse("2026-04-06");

    static final BusinessCalendar OFFICE = calendar("MON-FRI 09:00-18:00", Set.of(CHRISTMAS_FRIDAY, EASTER_MONDAY));
    static final BusinessCalendar SPLIT = calendar("MON-THU 08:30-12:00,13:00-17:30; FRI 08:30-16:00", Set.of());

    static BusinessCalendar calendar(String schedule, Set<LocalDate> holidays) {
        return BusinessCalendar.of(PARIS, WeeklySchedule.parse(schedule).orElseThrow(), holidays);
    }

    /** The instant at which the Paris wall clock shows {@code localDateTime} (earlier offset when repeated). */
    static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    static Duration hours(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }

    @Nested
    class AddOpenTime {

        @Test
        @DisplayName("R14: severity 2 target of 4 business hours started Friday 16:00 lands Monday 11:00")
        void fridayAfternoonToMonday() {
            assertThat(OFFICE.addOpenTime(paris("2026-01-09T16:00"), hours(4))).isEqualTo(paris("2026-01-12T11:00"));
        }

        @Test
        @DisplayName("R15: a start inside hours counts on the same day")
        void startInsideHours() {
            assertThat(OFFICE.addOpenTime(paris("2026-01-13T10:15"), hours(3))).isEqualTo(paris("2026-01-13T13:15"));
        }

        @Test
        @DisplayName("R15: a start before opening counts from the opening")
        void startBeforeOpening() {
            assertThat(OFFICE.addOpenTime(paris("2026-01-13T07:00"), hours(2))).isEqualTo(paris("2026-01-13T11:00"));
        }

        @Test
        @DisplayName("R15: a start after closing counts from the next morning")
        void startAfterClosing() {
            assertThat(OFFICE.addOpenTime(paris("2026-01-13T19:30"), hours(2))).isEqualTo(paris("2026-01-14T11:00"));
        }

        @Test
        @DisplayName("R15: a start on Saturday counts from Monday's opening")
        void startOnWeekend() {
            assertThat(OFFICE.addOpenTime(paris("2026-01-10T10:00"), hours(1))).isEqualTo(paris("2026-01-12T10:00"));
        }

        @Test
        @DisplayName("R14: a start on a holiday (Christmas, a Friday) counts from the next working Monday")
        void startOnHoliday() {
            assertThat(OFFICE.addOpenTime(paris("2026-12-25T10:00"), hours(2))).isEqualTo(paris("2026-12-28T11:00"));
        }

        @Test
        @DisplayName("R14: a target crossing Easter Monday, a holiday, lands on Tuesday")
        void crossingMondayHoliday() {
            assertThat(OFFICE.addOpenTime(paris("2026-04-03T17:00"), hours(2))).isEqualTo(paris("2026-04-07T10:00"));
        }

        @Test
        @DisplayName("R16: a target ending exactly at closing is due at the closing, not the next opening")
        void endsAtClosing() {
            assertThat(OFFICE.addOpenTime(paris("2026-01-09T16:00"), hours(2))).isEqualTo(paris("2026-01-09T18:00"));
        }

        @Test
        @DisplayName("R14: the lunch break of a split day is not counted")
        void splitDaySkipsLunch() {
            assertThat(SPLIT.addOpenTime(paris("2026-01-12T11:00"), hours(2))).isEqualTo(paris("2026-01-12T14:00"));
            assertThat(SPLIT.addOpenTime(paris("2026-01-12T12:15"), hours(0.5))).isEqualTo(paris("2026-01-12T13:30"));
        }

        @Test
        @DisplayName("R14: a split day ends early on Friday; the rest is counted on Monday")
        void splitDayShortFriday() {
            assertThat(SPLIT.addOpenTime(paris("2026-01-16T15:00"), hours(3))).isEqualTo(paris("2026-01-19T10:30"));
        }

        @Test
        @DisplayName("R15: a zero target is the start itself when open")
        void zeroInsideHours() {
            Instant start = paris("2026-01-13T10:15");
            assertThat(OFFICE.addOpenTime(start, Duration.ZERO)).isEqualTo(start);
        }

        @Test
        @DisplayName("R15: a zero target outside hours is the next opening, also from the exact closing instant")
        void zeroOutsideHours() {
            assertThat(OFFICE.addOpenTime(paris("2026-01-10T10:00"), Duration.ZERO))
                    .isEqualTo(paris("2026-01-12T09:00"));
            assertThat(OFFICE.addOpenTime(paris("2026-01-13T18:00"), Duration.ZERO))
                    .isEqualTo(paris("2026-01-14T09:00"));
            assertThat(SPLIT.addOpenTime(paris("2026-01-13T12:00"), Duration.ZERO))
                    .isEqualTo(paris("2026-01-13T13:00"));
        }

        @Test
        @DisplayName("R22: a negative target is a programming error and is refused")
        void negativeRefused() {
            assertThatThrownBy(() -> OFFICE.addOpenTime(paris("2026-01-13T10:00"), Duration.ofMinutes(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("negative");
        }

        @Test
        @DisplayName("R16: 400 business hours skip whole weeks and land on the right minute")
        void largeAmount() {
            // 400 h = 44 full days of 9 h (8 weeks + Mon-Thu) + 4 h on the 45th day.
            assertThat(calendar("MON-FRI 09:00-18:00", Set.of()).addOpenTime(paris("2026-01-05T09:00"), hours(400)))
                    .isEqualTo(paris("2026-03-06T13:00"));
        }

        @Test
        @DisplayName("R16: 400 business hours across a holiday and the spring change keep wall-clock hours")
        void largeAmountAcrossHolidayAndDst() {
            // From Mon 2 March: 44 full days end Fri 1 May (Easter Monday is skipped); Mon 4 May is day 45.
            assertThat(OFFICE.addOpenTime(paris("2026-03-02T09:00"), hours(400)))
                    .isEqualTo(paris("2026-05-04T13:00"))
                    .isEqualTo(Instant.parse("2026-05-04T11:00:00Z"));
        }

        @Test
        @DisplayName("R15: ten years of open time land where counting them back gives the same amount")
        void hugeAmount() {
            Instant start = paris("2026-01-05T09:00");
            Duration tenYears = OFFICE.schedule().weeklyOpenTime().multipliedBy(52 * 10);
            Instant due = OFFICE.addOpenTime(start, tenYears);
            assertThat(OFFICE.openTimeBetween(start, due)).isEqualTo(tenYears);
        }
    }

    @Nested
    class OpenTimeBetween {

        @Test
        @DisplayName("R16: open time over a week end counts Friday afternoon and Monday morning only")
        void overWeekend() {
            assertThat(OFFICE.openTimeBetween(paris("2026-01-09T16:00"), paris("2026-01-12T11:00")))
                    .isEqualTo(hours(4));
        }

        @Test
        @DisplayName("R16: open time is zero when the end is not after the start")
        void emptyWindow() {
            Instant at = paris("2026-01-13T10:00");
            assertThat(OFFICE.openTimeBetween(at, at)).isZero();
            assertThat(OFFICE.openTimeBetween(at, at.minusSeconds(3600))).isZero();
        }

        @Test
        @DisplayName("R14: a holiday week counts four days, the lunch breaks are not counted")
        void holidayWeekAndSplitDays() {
            assertThat(OFFICE.openTimeBetween(paris("2026-04-06T00:00"), paris("2026-04-13T00:00")))
                    .isEqualTo(hours(36));
            assertThat(SPLIT.openTimeBetween(paris("2026-01-12T00:00"), paris("2026-01-19T00:00")))
                    .isEqualTo(hours(4 * 8 + 7.5));
        }
    }

    @Nested
    class IsOpen {

        @Test
        @DisplayName("R14: the opening instant is open, the closing instant is not")
        void boundaries() {
            Instant opening = paris("2026-01-13T09:00");
            Instant closing = paris("2026-01-13T18:00");
            assertThat(OFFICE.isOpen(opening)).isTrue();
            assertThat(OFFICE.isOpen(opening.minusNanos(1))).isFalse();
            assertThat(OFFICE.isOpen(closing.minusNanos(1))).isTrue();
            assertThat(OFFICE.isOpen(closing)).isFalse();
        }

        @Test
        @DisplayName("R14: lunch, week ends and holidays are closed")
        void closedTimes() {
            assertThat(SPLIT.isOpen(paris("2026-01-13T12:00"))).isFalse();
            assertThat(SPLIT.isOpen(paris("2026-01-13T13:00"))).isTrue();
            assertThat(OFFICE.isOpen(paris("2026-01-10T10:00"))).isFalse();
            assertThat(OFFICE.isOpen(paris("2026-12-25T10:00"))).isFalse();
            assertThat(OFFICE.isOpen(paris("2026-12-24T10:00"))).isTrue();
        }

        @Test
        @DisplayName("R14: a night shift written as 22:00-24:00 then 00:00-06:00 is open across midnight")
        void nightShift() {
            BusinessCalendar night = calendar("SAT 22:00-24:00; SUN 00:00-06:00", Set.of());
            assertThat(night.isOpen(paris("2026-01-10T23:59"))).isTrue();
            assertThat(night.isOpen(paris("2026-01-11T00:00"))).isTrue();
            assertThat(night.isOpen(paris("2026-01-11T06:00"))).isFalse();
            assertThat(night.addOpenTime(paris("2026-01-10T23:00"), hours(2))).isEqualTo(paris("2026-01-11T01:00"));
            assertThat(night.openTimeBetween(paris("2026-01-10T00:00"), paris("2026-01-12T00:00")))
                    .isEqualTo(hours(8));
        }
    }
}

package io.guichet.core.calendar;

import static io.guichet.core.calendar.BusinessCalendarTest.OFFICE;
import static io.guichet.core.calendar.BusinessCalendarTest.calendar;
import static io.guichet.core.calendar.BusinessCalendarTest.hours;
import static io.guichet.core.calendar.BusinessCalendarTest.paris;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Europe/Paris in 2026: clocks go forward on Sunday 29 March (02:00 CET becomes 03:00 CEST) and back on Sunday
 * 25 October (03:00 CEST becomes 02:00 CET, so 02:00-03:00 happens twice).
 */
class DaylightSavingTest {

    static final BusinessCalendar SEVEN_DAYS = calendar("MON-SUN 09:00-18:00", Set.of());

    @Nested
    class ScheduleWithoutSunday {

        @Test
        @DisplayName("R14: spring forward over the week end: Friday 17:00 + 2 h is Monday 10:00 summer time")
        void springForward() {
            assertThat(OFFICE.addOpenTime(paris("2026-03-27T17:00"), hours(2)))
                    .isEqualTo(paris("2026-03-30T10:00"))
                    .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        }

        @Test
        @DisplayName("R14: fall back over the week end: Friday 17:00 + 2 h is Monday 10:00 winter time")
        void fallBack() {
            assertThat(OFFICE.addOpenTime(paris("2026-10-23T17:00"), hours(2)))
                    .isEqualTo(paris("2026-10-26T10:00"))
                    .isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
        }

        @Test
        @DisplayName("R16: business days around a change keep 9 wall-clock hours each")
        void openTimeAcrossChanges() {
            assertThat(OFFICE.openTimeBetween(paris("2026-03-27T09:00"), paris("2026-03-30T18:00")))
                    .isEqualTo(hours(18));
            assertThat(OFFICE.openTimeBetween(paris("2026-10-23T09:00"), paris("2026-10-26T18:00")))
                    .isEqualTo(hours(18));
            assertThat(OFFICE.openTimeBetween(paris("2026-03-23T00:00"), paris("2026-04-06T00:00")))
                    .isEqualTo(hours(90));
        }
    }

    @Nested
    class ScheduleWithSunday {

        @Test
        @DisplayName("R14: spring forward on an open Sunday: Saturday 17:00 + 2 h is Sunday 10:00 summer time")
        void springForward() {
            assertThat(SEVEN_DAYS.addOpenTime(paris("2026-03-28T17:00"), hours(2)))
                    .isEqualTo(paris("2026-03-29T10:00"))
                    .isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
            assertThat(SEVEN_DAYS.openTimeBetween(paris("2026-03-29T00:00"), paris("2026-03-30T00:00")))
                    .isEqualTo(hours(9));
        }

        @Test
        @DisplayName("R14: fall back on an open Sunday: Saturday 17:00 + 2 h is Sunday 10:00 winter time")
        void fallBack() {
            assertThat(SEVEN_DAYS.addOpenTime(paris("2026-10-24T17:00"), hours(2)))
                    .isEqualTo(paris("2026-10-25T10:00"))
                    .isEqualTo(Instant.parse("2026-10-25T09:00:00Z"));
            assertThat(SEVEN_DAYS.openTimeBetween(paris("2026-10-25T00:00"), paris("2026-10-26T00:00")))
                    .isEqualTo(hours(9));
        }

        @Test
        @DisplayName("R14: a whole open Sunday lasts 23 real hours in spring and 25 in autumn")
        void wholeDay() {
            BusinessCalendar sundays = calendar("SUN 00:00-24:00", Set.of());
            assertThat(sundays.openTimeBetween(paris("2026-03-28T00:00"), paris("2026-03-31T00:00")))
                    .isEqualTo(hours(23));
            assertThat(sundays.openTimeBetween(paris("2026-10-24T00:00"), paris("2026-10-27T00:00")))
                    .isEqualTo(hours(25));
        }

        @Test
        @DisplayName("R14: a night range holding the change counts real time: the skipped hour is never worked")
        void nightRangeSpring() {
            BusinessCalendar nights = calendar("SUN 01:00-04:00", Set.of());
            assertThat(nights.openTimeBetween(paris("2026-03-29T00:00"), paris("2026-03-30T00:00")))
                    .isEqualTo(hours(2));
            // 01:00 CET + 1 h 30: the clock jumps from 02:00 to 03:00, so it reads 03:30.
            assertThat(nights.addOpenTime(paris("2026-03-29T01:00"), hours(1.5)))
                    .isEqualTo(paris("2026-03-29T03:30"))
                    .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        }

        @Test
        @DisplayName("R14: a night range holding the change counts real time: the repeated hour is worked twice")
        void nightRangeAutumn() {
            BusinessCalendar nights = calendar("SUN 01:00-04:00", Set.of());
            assertThat(nights.openTimeBetween(paris("2026-10-25T00:00"), paris("2026-10-26T00:00")))
                    .isEqualTo(hours(4));
            // 01:00 CEST + 2 h 30 is the second 02:30, in winter time.
            assertThat(nights.addOpenTime(paris("2026-10-25T01:00"), hours(2.5)))
                    .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
        }

        @Test
        @DisplayName("R14: an opening skipped by spring forward happens when the clock jumps to 03:00")
        void openingInGap() {
            BusinessCalendar nights = calendar("SUN 02:30-05:00", Set.of());
            Instant jump = Instant.parse("2026-03-29T01:00:00Z");
            assertThat(nights.isOpen(jump)).isTrue();
            assertThat(nights.isOpen(jump.minusNanos(1))).isFalse();
            assertThat(nights.addOpenTime(paris("2026-03-29T00:00"), Duration.ZERO)).isEqualTo(jump);
            assertThat(nights.openTimeBetween(paris("2026-03-29T00:00"), paris("2026-03-30T00:00")))
                    .isEqualTo(hours(2));
        }

        @Test
        @DisplayName("R14: a repeated opening counts from its first occurrence, a repeated closing from its last")
        void boundariesInOverlap() {
            BusinessCalendar closesAt0230 = calendar("SUN 01:00-02:30", Set.of());
            assertThat(closesAt0230.openTimeBetween(paris("2026-10-25T00:00"), paris("2026-10-26T00:00")))
                    .isEqualTo(hours(2.5));
            assertThat(closesAt0230.isOpen(Instant.parse("2026-10-25T01:29:59Z"))).isTrue();
            assertThat(closesAt0230.isOpen(Instant.parse("2026-10-25T01:30:00Z"))).isFalse();

            BusinessCalendar opensAt0230 = calendar("SUN 02:30-04:00", Set.of());
            assertThat(opensAt0230.isOpen(Instant.parse("2026-10-25T00:30:00Z"))).isTrue();
            assertThat(opensAt0230.openTimeBetween(paris("2026-10-25T00:00"), paris("2026-10-26T00:00")))
                    .isEqualTo(hours(2.5));
        }

        @Test
        @DisplayName("R14: touching ranges meeting inside the repeated hour do not count it twice")
        void touchingRangesInOverlap() {
            BusinessCalendar split = calendar("SUN 01:00-02:30,02:30-04:00", Set.of());
            assertThat(split.openTimeBetween(paris("2026-10-25T00:00"), paris("2026-10-26T00:00")))
                    .isEqualTo(hours(4));
            assertThat(split.addOpenTime(paris("2026-10-25T00:00"), hours(4)))
                    .isEqualTo(paris("2026-10-25T04:00"));
        }
    }

    @Test
    @DisplayName("R14: severity 1 (AlwaysOpen) adds plain elapsed time across both changes")
    void alwaysOpenAcrossChanges() {
        ServiceCalendar severityOne = new AlwaysOpen();
        assertThat(severityOne.addOpenTime(paris("2026-03-28T12:00"), hours(24)))
                .isEqualTo(paris("2026-03-29T13:00"));
        assertThat(severityOne.addOpenTime(paris("2026-10-24T12:00"), hours(24)))
                .isEqualTo(paris("2026-10-25T11:00"));
        assertThat(severityOne.openTimeBetween(paris("2026-03-29T00:00"), paris("2026-03-30T00:00")))
                .isEqualTo(hours(23));
    }

    @Test
    @DisplayName("R14: business hours of 00:00-24:00 every day agree with AlwaysOpen across both changes")
    void fullScheduleMatchesAlwaysOpen() {
        BusinessCalendar allDays = calendar("MON-SUN 00:00-24:00", Set.of());
        AlwaysOpen always = new AlwaysOpen();
        for (Instant start = paris("2026-03-20T00:17"); start.isBefore(paris("2026-11-05T00:00"));
                start = start.plus(Duration.ofMinutes(1789))) {
            for (Duration amount : new Duration[] {Duration.ZERO, hours(1), hours(26), hours(400)}) {
                assertThat(allDays.addOpenTime(start, amount)).isEqualTo(always.addOpenTime(start, amount));
                assertThat(allDays.openTimeBetween(start, start.plus(amount))).isEqualTo(amount);
            }
            assertThat(allDays.isOpen(start)).isTrue();
        }
    }
}

package io.guichet.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HolidaysTest {

    @Test
    @DisplayName("R22: holidays are a comma-separated list of ISO dates; duplicates and empty items are ignored")
    void parsesDates() {
        assertThat(Holidays.parse(" 2027-01-01,2026-12-25 , 2026-12-25,").orElseThrow())
                .containsExactly(LocalDate.parse("2026-12-25"), LocalDate.parse("2027-01-01"));
    }

    @Test
    @DisplayName("R22: an empty holiday setting means no holidays")
    void emptyMeansNone() {
        assertThat(Holidays.parse("  ").orElseThrow()).isEmpty();
    }

    @Test
    @DisplayName("R22: every bad date is named with the accepted format")
    void refusesBadDates() {
        assertThat(Holidays.parse("2026-12-25, 25/12/2026, 2026-13-01"))
                .isEqualTo(new Parsed.Invalid<>(
                        "\"25/12/2026\" is not a date: use YYYY-MM-DD, e.g. 2026-12-25, and separate dates with commas; "
                        + "\"2026-13-01\" is not a date: use YYYY-MM-DD, e.g. 2026-12-25, and separate dates with commas"));
    }
}

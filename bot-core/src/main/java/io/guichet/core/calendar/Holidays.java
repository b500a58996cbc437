package io.guichet.core.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the holiday setting: the whole days on which the business-hours calendar is closed (policy R14, business
 * hours exclude holidays; R22, the list is configuration). The setting is a comma-separated list of ISO dates,
 * e.g. {@code 2026-12-25, 2027-01-01}; blank items are ignored, so an empty setting means no holidays.
 */
public final class Holidays {

    private Holidays() {
    }

    /** Parses the setting into a sorted, unmodifiable set; every bad date is reported, in one message. */
    public static Parsed<Set<LocalDate>> parse(String text) {
        Set<LocalDate> dates = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                parseDate(item.strip(), dates, problems);
            }
        }
        return problems.isEmpty()
                ? new Parsed.Ok<>(Collections.unmodifiableSet(dates))
                : new Parsed.Invalid<>(String.join("; ", problems));
    }

    private static void parseDate(String item, Set<LocalDate> dates, List<String> problems) {
        try {
            dates.add(LocalDate.parse(item));
        } catch (DateTimeParseException notADate) {
            problems.add(OpenRange.quote(item) + " is not a date: use YYYY-MM-DD, e.g. 2026-12-25, and separate"
                    + " dates with commas");
        }
    }
}

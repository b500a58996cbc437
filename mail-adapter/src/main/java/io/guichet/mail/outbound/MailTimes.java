package io.guichet.mail.outbound;

import io.guichet.core.account.Language;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Durations, dates and moments in customer mail as people write them, in the mail's language: "2 hours 30 minutes",
 * "7 jours", "1 April 2026", "9 mars 2026 à 09:00 UTC"; never an ISO-8601 form such as {@code PT25S}. The unit words
 * are fragments ({@code days.one}, {@code days.many}, ... {@code seconds.many}), so an operator may reword them.
 */
final class MailTimes {

    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_FR = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.FRENCH);
    private static final DateTimeFormatter MOMENT_EN =
            DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MOMENT_FR =
            DateTimeFormatter.ofPattern("d MMMM uuuu 'à' HH:mm 'UTC'", Locale.FRENCH).withZone(ZoneOffset.UTC);

    private final MailTemplates templates;

    MailTimes(MailTemplates templates) {
        this.templates = templates;
    }

    /**
     * A span in whole units, largest first, zero units left out: "7 days", "2 hours 30 minutes", "25 seconds",
     * "1 jour 4 heures". Below a second (never a setting in practice) it reads as one second.
     */
    String span(Language language, Duration span) {
        long seconds = Math.max(1, span.abs().toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        List<String> parts = new ArrayList<>();
        unit(language, "days", days, parts);
        unit(language, "hours", hours, parts);
        unit(language, "minutes", minutes, parts);
        unit(language, "seconds", rest, parts);
        return String.join(" ", parts);
    }

    /** A calendar day: "1 April 2026", "1 avril 2026". */
    String date(Language language, LocalDate day) {
        return (language == Language.FR ? DATE_FR : DATE_EN).format(day);
    }

    /** A moment, to the minute, in UTC (named): "9 March 2026 at 09:00 UTC", "9 mars 2026 à 09:00 UTC". */
    String moment(Language language, Instant at) {
        return (language == Language.FR ? MOMENT_FR : MOMENT_EN).format(at);
    }

    private void unit(Language language, String unit, long count, List<String> parts) {
        if (count == 0) {
            return;
        }
        parts.add(count == 1 ? templates.fragment(language, unit + ".one", Map.of())
                : templates.fragment(language, unit + ".many", Map.of("n", Long.toString(count))));
    }
}

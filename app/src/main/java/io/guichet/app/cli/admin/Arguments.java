package io.guichet.app.cli.admin;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads admin command arguments, refusing bad ones with a message naming the argument and what is accepted. */
final class Arguments {

    private Arguments() {
    }

    static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw AdminProblem.usage(name + ": '" + text + "' is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31.");
        }
    }

    /** A date, or {@code none} to clear it. */
    static Optional<LocalDate> dateOrNone(String name, String text) {
        return text.strip().equalsIgnoreCase("none") ? Optional.empty() : Optional.of(date(name, text));
    }

    static EmailAddress email(String name, String text) {
        return EmailAddress.parse(text).orElseThrow(() ->
                AdminProblem.usage(name + ": '" + text + "' is not an e-mail address."));
    }

    static Language language(String name, String text) {
        return Language.parse(text).orElseThrow(() ->
                AdminProblem.usage(name + ": '" + text + "' is not a language: use en or fr."));
    }

    static TicketNumber ticket(String text) {
        return TicketNumber.parse(text).orElseThrow(() ->
                AdminProblem.usage("ticket: '" + text + "' is not a ticket number, e.g. 1042 or #1042."));
    }

    static Severity severity(String text) {
        return Severity.parse(text).orElseThrow(() ->
                AdminProblem.usage("--severity: '" + text + "' is not one of 1, 2, 3, 4."));
    }

    static TicketStatus status(String text) {
        try {
            return TicketStatus.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw AdminProblem.usage("--status: '" + text + "' is not one of " + Arrays.stream(TicketStatus.values())
                    .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ".");
        }
    }
}

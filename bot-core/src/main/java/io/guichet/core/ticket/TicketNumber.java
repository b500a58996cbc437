package io.guichet.core.ticket;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number a customer quotes in all correspondence (R2). Shown as {@code #1234}.
 */
public record TicketNumber(long value) {

    private static final Pattern NUMBER = Pattern.compile("^\\s*(?:(?:ticket|dossier)\\s*)?#?\\s*(\\d{1,18})\\s*$", Pattern.CASE_INSENSITIVE);

    public TicketNumber {
        if (value <= 0) {
            throw new IllegalArgumentException("ticket numbers are positive");
        }
    }

    /** Reads {@code 1234}, {@code #1234}, {@code Ticket#1234} or {@code Dossier #1234} (R2 [dossier]); empty for anything else. */
    public static Optional<TicketNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(m.group(1));
        return value > 0 ? Optional.of(new TicketNumber(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "#" + value;
    }
}

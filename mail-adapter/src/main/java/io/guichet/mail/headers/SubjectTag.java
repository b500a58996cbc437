package io.guichet.mail.headers;

import io.guichet.core.ticket.TicketNumber;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ticket tag carried in subjects (R2: the number is quoted in all correspondence). The format has one
 * {@code {n}} for the number; the default is {@code [Ticket#{n}]}. Reading is tolerant of case and spaces.
 */
public final class SubjectTag {

    public static final String DEFAULT_FORMAT = "[Ticket#{n}]";

    private final String format;
    private final Pattern pattern;

    public SubjectTag(String format) {
        int at = format.indexOf("{n}");
        if (at < 0 || format.indexOf("{n}", at + 1) >= 0) {
            throw new IllegalArgumentException("the subject tag format needs exactly one {n} for the number, e.g. "
                    + DEFAULT_FORMAT);
        }
        this.format = format;
        String before = format.substring(0, at).strip();
        String after = format.substring(at + 3).strip();
        this.pattern = Pattern.compile(spaced(before) + "\\s*(\\d{1,18})\\s*" + spaced(after), Pattern.CASE_INSENSITIVE);
    }

    public String tag(TicketNumber number) {
        return format.replace("{n}", Long.toString(number.value()));
    }

    /** The ticket number tagged in {@code subject}, if any. */
    public Optional<TicketNumber> find(String subject) {
        Matcher m = pattern.matcher(subject);
        return m.find() ? TicketNumber.parse(m.group(1)) : Optional.empty();
    }

    /**
     * {@code subject} without any ticket tag, spaces tidied: the words the customer wrote. A reply to a closed ticket
     * opens a new one (R13) whose subject must carry only the new ticket's tag.
     */
    public String strip(String subject) {
        return pattern.matcher(subject).replaceAll(" ").replaceAll("\\s{2,}", " ").strip();
    }

    private static String spaced(String literal) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            out.append(Character.isWhitespace(c) ? "\\s*" : Pattern.quote(String.valueOf(c)) + "\\s*");
        }
        return out.toString();
    }
}

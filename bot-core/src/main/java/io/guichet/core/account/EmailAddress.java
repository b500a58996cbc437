package io.guichet.core.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An e-mail address, lower-cased, so that one person has one identity whatever the case they type (R10).
 * Deliberately simple: a local part, one {@code @}, a domain with a dot; no spaces, no control characters.
 */
public record EmailAddress(String value) {

    private static final Pattern SHAPE =
            Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    public EmailAddress {
        if (!SHAPE.matcher(value).matches() || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a lower-case e-mail address: use EmailAddress.parse");
        }
    }

    /** The address in {@code text} (surrounding spaces and angle brackets tolerated), or empty when it is not one. */
    public static Optional<EmailAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        return SHAPE.matcher(lower).matches() ? Optional.of(new EmailAddress(lower)) : Optional.empty();
    }

    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.guichet.mail.inbound;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One address of a mail header, e.g. {@code "Jean Dupont" <jean@acme.fr>}.
 *
 * @param address     the addr-spec, lower-cased and trimmed
 * @param displayName the decoded display name (RFC 2047, decoded as far as possible: never an encoded word left raw),
 *                    when the header had a non-blank one; inert ({@link InertText})
 */
public record MailboxAddress(String address, Optional<String> displayName) {

    public MailboxAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
        address = InertText.line(address).toLowerCase(Locale.ROOT);
        displayName = displayName.map(EncodedWords::decode).map(InertText::line).filter(name -> !name.isEmpty());
    }

    /** The part after the last {@code @}, or the empty string for a local-only address. */
    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    /** The part before the last {@code @}. */
    public String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }
}

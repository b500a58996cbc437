package io.guichet.mail.inbound;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The raw (unfolded) header values {@link MailClassifier} and {@link AuthenticationVerdict} look at.
 *
 * @param autoSubmitted         {@code Auto-Submitted} (RFC 3834)
 * @param precedence            {@code Precedence}
 * @param listId                {@code List-Id} (RFC 2919)
 * @param xAutoreply            {@code X-Autoreply}
 * @param xAutorespond          {@code X-Autorespond}
 * @param authenticationResults every {@code Authentication-Results} header (RFC 8601), top (newest) first
 */
public record ClassificationHeaders(
        Optional<String> autoSubmitted,
        Optional<String> precedence,
        Optional<String> listId,
        Optional<String> xAutoreply,
        Optional<String> xAutorespond,
        List<String> authenticationResults) {

    public ClassificationHeaders {
        Objects.requireNonNull(autoSubmitted, "autoSubmitted");
        Objects.requireNonNull(precedence, "precedence");
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(xAutoreply, "xAutoreply");
        Objects.requireNonNull(xAutorespond, "xAutorespond");
        authenticationResults = List.copyOf(authenticationResults);
    }

    /** No header of interest at all. */
    public static ClassificationHeaders none() {
        return new ClassificationHeaders(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }
}

package io.guichet.mail.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the sender's domain authenticated, according to the {@code Authentication-Results} headers (RFC 8601)
 * written by our own, trusted, receiving server (R10: only authorized contacts may open tickets, and a forged
 * From must not pass for one). Headers with any other authserv-id are ignored: anyone can write them.
 *
 * <p>Over all trusted headers: {@code dmarc=fail} is {@link #FAIL}; {@code dmarc=pass} is {@link #PASS};
 * otherwise {@code dkim=pass} or {@code spf=pass} is {@link #PASS}, and neither is {@link #FAIL} (this includes
 * a trusted header that reports {@code none}). No trusted id configured, or no header carrying it, is
 * {@link #NONE}: the check could not be made.
 *
 * <p>The trusted server must remove headers that claim its authserv-id before adding its own (RFC 8601
 * section 5); otherwise a sender could forge a pass.
 */
public enum AuthenticationVerdict {
    PASS,
    FAIL,
    NONE;

    /** The verdict for {@code email}'s headers. */
    public static AuthenticationVerdict of(InboundEmail email, Optional<String> trustedAuthservId) {
        return evaluate(email.classificationHeaders().authenticationResults(), trustedAuthservId);
    }

    /** The verdict for raw {@code Authentication-Results} header values. */
    public static AuthenticationVerdict evaluate(List<String> headers, Optional<String> trustedAuthservId) {
        Optional<String> trusted = trustedAuthservId.map(id -> id.strip().toLowerCase(Locale.ROOT))
                .filter(id -> !id.isEmpty());
        if (trusted.isEmpty()) {
            return NONE;
        }
        List<AuthenticationResults> results = headers.stream()
                .flatMap(header -> AuthenticationResults.parse(header).stream())
                .filter(parsed -> parsed.authservId().equals(trusted.get()))
                .toList();
        if (results.isEmpty()) {
            return NONE;
        }
        if (results.stream().anyMatch(r -> r.has("dmarc", "fail"))) {
            return FAIL;
        }
        if (results.stream().anyMatch(r -> r.has("dmarc", "pass")
                || r.has("dkim", "pass") || r.has("spf", "pass"))) {
            return PASS;
        }
        return FAIL;
    }
}

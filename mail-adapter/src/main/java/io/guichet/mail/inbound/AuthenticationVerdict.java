package io.guichet.mail.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the author's domain (the {@code From} domain) authenticated, according to the
 * {@code Authentication-Results} header (RFC 8601) written by our own, trusted, receiving server (R10: only
 * authorized contacts may open tickets, and a forged From must not pass for one).
 *
 * <p>Which header: the topmost one whose authserv-id is exactly the trusted id (case aside). A receiving server adds
 * its header above those the mail arrived with, so a header below it claiming our id was written by the sender and is
 * ignored, as are headers of any other id ({@code mx.example.com.evil} is not {@code mx.example.com}). Servers that
 * write their SPF, DKIM and DMARC results in separate headers are read by the topmost only: the DMARC one, which
 * milters add last.
 *
 * <p>What it says (RFC 7489): {@code dmarc=pass} is {@link #PASS}; {@code dmarc=fail} is {@link #FAIL} (whatever
 * else passed). Otherwise ({@code dmarc=none}: the domain publishes no DMARC policy; no DMARC result; a temporary or
 * permanent DMARC error) an SPF or DKIM pass counts only when <em>aligned</em> with the From domain, relaxed: the SPF
 * {@code smtp.mailfrom} domain or the DKIM {@code header.d} (else {@code header.i}) domain is the From domain, or one
 * is a subdomain of the other. That is {@link #PASS}; with no aligned pass the mail is {@link #UNVERIFIED}: handled,
 * without the trust a pass gives. Organizational domains are not computed (no public suffix list): two sibling
 * subdomains of one organization ({@code a.acme.example}, {@code b.acme.example}) are not aligned here, which can
 * only make a mail unverified, never pass a forgery.
 *
 * <p>No trusted id configured, or no header carrying it, is {@link #NONE}: the check could not be made.
 */
public enum AuthenticationVerdict {
    /** DMARC passed, or an SPF or DKIM pass aligned with the From domain. */
    PASS,
    /** DMARC failed: the From address is not the author's; treated as unauthenticated (not answered). */
    FAIL,
    /** Our server checked, and nothing aligned with the From domain passed: handled, not trusted. */
    UNVERIFIED,
    /** No check to read: no trusted authserv-id configured, or no header from it. */
    NONE;

    /** The verdict for {@code email}'s headers and From domain. */
    public static AuthenticationVerdict of(InboundEmail email, Optional<String> trustedAuthservId) {
        return evaluate(email.classificationHeaders().authenticationResults(), email.from().domain(),
                trustedAuthservId);
    }

    /** The verdict for raw {@code Authentication-Results} header values, topmost first, and the From domain. */
    public static AuthenticationVerdict evaluate(List<String> headers, String fromDomain,
                                                 Optional<String> trustedAuthservId) {
        Optional<String> trusted = trustedAuthservId.map(id -> id.strip().toLowerCase(Locale.ROOT))
                .filter(id -> !id.isEmpty());
        if (trusted.isEmpty()) {
            return NONE;
        }
        Optional<AuthenticationResults> ours = headers.stream()
                .flatMap(header -> AuthenticationResults.parse(header).stream())
                .filter(parsed -> parsed.authservId().equals(trusted.get()))
                .findFirst();
        if (ours.isEmpty()) {
            return NONE;
        }
        AuthenticationResults results = ours.get();
        if (results.has("dmarc", "fail")) {
            return FAIL;
        }
        if (results.has("dmarc", "pass")) {
            return PASS;
        }
        String from = fromDomain.strip().toLowerCase(Locale.ROOT);
        boolean alignedSpf = results.of("spf").stream().filter(r -> r.value().equals("pass"))
                .flatMap(r -> r.property("smtp.mailfrom").stream())
                .anyMatch(mailFrom -> aligned(domainOf(mailFrom), from));
        boolean alignedDkim = results.of("dkim").stream().filter(r -> r.value().equals("pass"))
                .flatMap(r -> r.property("header.d").or(() -> r.property("header.i")).stream())
                .anyMatch(signer -> aligned(domainOf(signer), from));
        return alignedSpf || alignedDkim ? PASS : UNVERIFIED;
    }

    /** Relaxed alignment, simplified: the same domain, or one a subdomain of the other. */
    static boolean aligned(String domain, String fromDomain) {
        String a = trimDot(domain);
        String b = trimDot(fromDomain);
        if (a.isEmpty() || b.isEmpty() || !a.contains(".") || !b.contains(".")) {
            return false;
        }
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }

    /** The domain of {@code bob@acme.example}, {@code @acme.example} or {@code acme.example}. */
    private static String domainOf(String value) {
        int at = value.lastIndexOf('@');
        return at < 0 ? value : value.substring(at + 1);
    }

    private static String trimDot(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}

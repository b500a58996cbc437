package io.guichet.core.link;

import io.guichet.core.account.AccountId;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.ticket.TicketNumber;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed links to a ticket's web page (issue 13): an opaque token holding the ticket's number, its account, the
 * contact the link was mailed to and an expiry, signed with HMAC-SHA256 under the node's secret. A link cannot be
 * guessed from a ticket number, is worth nothing for another account's ticket, and stops working when it expires;
 * each mail carries a fresh one.
 */
public final class TicketLinks {

    private static final String VERSION = "v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /**
     * A {@link Mac} keeps state between {@code update} and {@code doFinal}: one instance shared by the pages' threads
     * would mix their inputs. This one, keyed once, is never used itself: each signature works on its own clone.
     */
    private final Mac keyed;
    private final SecretKeySpec key;
    private final Duration validity;
    private final Clock clock;

    public TicketLinks(byte[] secret, Duration validity, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the link secret must have at least 16 bytes");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("a link must stay valid for some time, not " + validity);
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        try {
            this.keyed = Mac.getInstance("HmacSHA256");
            this.keyed.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        this.validity = validity;
        this.clock = clock;
    }

    /** What a valid token grants: reading (and answering) this ticket as this contact of this account. */
    public record Grant(TicketNumber ticket, AccountId account, EmailAddress contact, Instant expires) {
    }

    /** Why a token was refused; never shown to the visitor, who gets the same neutral answer for every reason. */
    public enum Refusal { MALFORMED, ALTERED, EXPIRED }

    /** A token, or why it is refused. */
    public sealed interface Checked {
        record Valid(Grant grant) implements Checked {
        }

        record Refused(Refusal why) implements Checked {
        }
    }

    public Duration validity() {
        return validity;
    }

    /** A fresh token for {@code contact} on {@code ticket}, valid from now for the configured time. */
    public String token(TicketNumber ticket, AccountId account, EmailAddress contact) {
        Instant expires = clock.instant().plus(validity).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return token(new Grant(ticket, account, contact, expires));
    }

    /** The token of {@code grant} (a test may sign an already expired one). */
    public String token(Grant grant) {
        String payload = VERSION + "|" + grant.ticket().value() + "|" + grant.account().value() + "|"
                + grant.expires().getEpochSecond() + "|" + grant.contact().value();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(mac("link", bytes));
    }

    /** Checks {@code token}: its signature first, then its expiry. */
    public Checked check(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || token.length() > 600) {
            return new Checked.Refused(Refusal.MALFORMED);
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = B64D.decode(token.substring(0, dot));
            signature = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new Checked.Refused(Refusal.MALFORMED);
        }
        if (!B64.encodeToString(payload).equals(token.substring(0, dot))
                || !B64.encodeToString(signature).equals(token.substring(dot + 1))) {
            return new Checked.Refused(Refusal.ALTERED); // one spelling per token: no variant of a valid one passes
        }
        if (!MessageDigest.isEqual(signature, mac("link", payload))) {
            return new Checked.Refused(Refusal.ALTERED);
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", 5);
        if (parts.length != 5 || !parts[0].equals(VERSION)) {
            return new Checked.Refused(Refusal.MALFORMED);
        }
        Grant grant;
        try {
            grant = new Grant(new TicketNumber(Long.parseLong(parts[1])), new AccountId(Long.parseLong(parts[2])),
                    new EmailAddress(parts[4]), Instant.ofEpochSecond(Long.parseLong(parts[3])));
        } catch (RuntimeException e) {
            return new Checked.Refused(Refusal.MALFORMED);
        }
        if (!clock.instant().isBefore(grant.expires())) {
            return new Checked.Refused(Refusal.EXPIRED);
        }
        return new Checked.Valid(grant);
    }

    /** The anti-forgery value of the reply form of the page opened with {@code token}. */
    public String formToken(String token) {
        return B64.encodeToString(mac("form", token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code value} is the reply form's anti-forgery value for {@code token}. */
    public boolean formTokenMatches(String token, Optional<String> value) {
        return value.map(v -> MessageDigest.isEqual(v.getBytes(StandardCharsets.UTF_8),
                formToken(token).getBytes(StandardCharsets.UTF_8))).orElse(false);
    }

    /** The signature of {@code data} for {@code purpose}, on a clone of the keyed {@link Mac}: safe from any thread. */
    private byte[] mac(String purpose, byte[] data) {
        Mac mac = copy();
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(data);
    }

    private Mac copy() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) { // a provider without clones: a new instance, keyed alike
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
            }
        }
    }
}

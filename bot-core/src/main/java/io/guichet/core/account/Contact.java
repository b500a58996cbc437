package io.guichet.core.account;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An authorized contact of a customer account (R10): only these may open tickets. A contact may be a certified
 * administrator; certification is valid through {@code certifiedUntil} inclusive, and tickets from currently
 * certified contacts come first in triage (R15).
 */
public record Contact(ContactId id,
                      AccountId accountId,
                      String name,
                      EmailAddress email,
                      String phone,
                      Language language,
                      Optional<String> discordUserId,
                      Optional<LocalDate> certifiedUntil,
                      boolean active) {

    /** R10: is the certification current on {@code day}? Expired the day after {@code certifiedUntil}. */
    public boolean certifiedOn(LocalDate day) {
        return certifiedUntil.map(until -> !day.isAfter(until)).orElse(false);
    }
}

package io.guichet.core.account;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A customer account. Support covers it while its licence or maintenance contract is active (R1): through the
 * last covered day, inclusive. An account with no coverage end recorded is not covered.
 */
public record Account(AccountId id, String name, Optional<LocalDate> coverageEndsOn, AccountManager manager) {

    /** R1: is the account covered on {@code day}? */
    public boolean coveredOn(LocalDate day) {
        return coverageEndsOn.map(end -> !day.isAfter(end)).orElse(false);
    }
}

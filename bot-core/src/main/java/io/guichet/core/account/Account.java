package io.guichet.core.account;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A customer account. Support covers it while its licence or maintenance contract is active (R1): through the
 * last covered day, inclusive. {@code coverageEndsOn} is its coverage for all products; it may also be covered
 * product by product ({@link ProductCoverage}, together a {@link Coverage}). An account with neither is not covered.
 */
public record Account(AccountId id, String name, Optional<LocalDate> coverageEndsOn, AccountManager manager) {

    /** R1: is the account covered for all products on {@code day}? */
    public boolean coveredOn(LocalDate day) {
        return coverageEndsOn.map(end -> !day.isAfter(end)).orElse(false);
    }
}

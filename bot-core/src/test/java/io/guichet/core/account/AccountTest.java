package io.guichet.core.account;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AccountTest {

    private static final LocalDate LAST_DAY = LocalDate.parse("2026-06-30");
    private static final AccountManager MANAGER = new AccountManager("Marie Curie", "marie@vendor.example");

    private static Account coveredThrough(Optional<LocalDate> end) {
        return new Account(new AccountId(1), "Acme", end, MANAGER);
    }

    @Test
    @DisplayName("R1: an account is covered on every day up to and including the last day of its contract")
    void coveredThroughLastDayInclusive() {
        Account account = coveredThrough(Optional.of(LAST_DAY));

        assertThat(account.coveredOn(LAST_DAY.minusYears(1))).isTrue();
        assertThat(account.coveredOn(LAST_DAY.minusDays(1))).isTrue();
        assertThat(account.coveredOn(LAST_DAY)).isTrue();
    }

    @Test
    @DisplayName("R1: coverage has expired the day after the last covered day")
    void notCoveredTheDayAfter() {
        Account account = coveredThrough(Optional.of(LAST_DAY));

        assertThat(account.coveredOn(LAST_DAY.plusDays(1))).isFalse();
        assertThat(account.coveredOn(LAST_DAY.plusYears(1))).isFalse();
    }

    @Test
    @DisplayName("R1: an account with no coverage end recorded is not covered")
    void noCoverageEndIsNotCovered() {
        Account account = coveredThrough(Optional.empty());

        assertThat(account.coveredOn(LAST_DAY)).isFalse();
        assertThat(account.coveredOn(LocalDate.MIN)).isFalse();
    }
}

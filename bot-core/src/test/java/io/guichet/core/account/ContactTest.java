package io.guichet.core.account;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ContactTest {

    private static final LocalDate UNTIL = LocalDate.parse("2026-09-15");

    private static Contact certifiedUntil(Optional<LocalDate> until) {
        return new Contact(new ContactId(7), new AccountId(1), "Alice", EmailAddress.parse("alice@acme.example").orElseThrow(),
                "+33 1 23 45 67 89", Language.FR, Optional.empty(), until, true);
    }

    @Test
    @DisplayName("R10: a certification is current through its end day, inclusive")
    void certifiedThroughEndDay() {
        Contact alice = certifiedUntil(Optional.of(UNTIL));

        assertThat(alice.certifiedOn(UNTIL.minusYears(1))).isTrue();
        assertThat(alice.certifiedOn(UNTIL)).isTrue();
    }

    @Test
    @DisplayName("R10: an expired certification (the day after its end) no longer counts")
    void expiredTheNextDay() {
        Contact alice = certifiedUntil(Optional.of(UNTIL));

        assertThat(alice.certifiedOn(UNTIL.plusDays(1))).isFalse();
    }

    @Test
    @DisplayName("R10: a contact who was never certified is not certified")
    void noCertification() {
        assertThat(certifiedUntil(Optional.empty()).certifiedOn(UNTIL)).isFalse();
    }
}

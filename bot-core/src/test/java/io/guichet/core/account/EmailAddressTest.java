package io.guichet.core.account;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmailAddressTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "alice@acme.example          | alice@acme.example",
            "Alice.Martin@ACME.Example   | alice.martin@acme.example",
            "'  <Bob@Acme.example>  '    | bob@acme.example",
            "< carol+support@acme.co.uk >| carol+support@acme.co.uk",
    })
    @DisplayName("R10: an address is lower-cased and freed of spaces and angle brackets, so one person has one identity")
    void parsesAndNormalises(String text, String expected) {
        assertThat(EmailAddress.parse(text)).map(EmailAddress::value).contains(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" refused")
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ", "alice", "alice@", "@acme.example", "alice@acme", "alice@@acme.example", "alice @acme.example",
            "Alice <alice@acme.example>", "alice@acme.example, bob@acme.example", "alice@-acme.example",
            "a@b.com\r\nBcc: x@y.com", "a@b.com\nBcc: x@y.com", "a@b.com\rX", "a\u0000@b.com"
    })
    @DisplayName("R10: garbage, lists and header injection (CR/LF) are not addresses")
    void refusesGarbageAndInjection(String text) {
        assertThat(EmailAddress.parse(text)).isEmpty();
    }

    @Test
    @DisplayName("R10: the constructor accepts only an already normalised address")
    void constructorGuards() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EmailAddress("Alice@acme.example"));
        assertThatIllegalArgumentException().isThrownBy(() -> new EmailAddress("a@b.com\r\nBcc: x@y.com"));
        assertThat(new EmailAddress("alice@acme.example").domain()).isEqualTo("acme.example");
    }
}

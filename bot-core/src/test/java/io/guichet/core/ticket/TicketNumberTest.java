package io.guichet.core.ticket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TicketNumberTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1234              | 1234",
            "#1234             | 1234",
            "Ticket#1234       | 1234",
            "' ticket #  42 '  | 42",
            "TICKET 7          | 7",
            "Dossier #1234     | 1234",
            "dossier 99        | 99",
            "999999999999999999| 999999999999999999",
    })
    @DisplayName("R2: a quoted ticket number is read however the customer writes it")
    void parses(String text, long expected) {
        assertThat(TicketNumber.parse(text)).contains(new TicketNumber(expected));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" refused")
    @NullAndEmptySource
    @ValueSource(strings = {"0", "#0", "-3", "abc", "12a", "#", "ticket", "12 34", "1234567890123456789", "ticket#12#3",
            "re: ticket #12"})
    @DisplayName("R2: anything that is not exactly one positive ticket number is refused")
    void refuses(String text) {
        assertThat(TicketNumber.parse(text)).isEmpty();
    }

    @Test
    @DisplayName("R2: a ticket number is shown as #1234")
    void shownWithHash() {
        assertThat(new TicketNumber(1234)).hasToString("#1234");
        assertThat(TicketNumber.parse("Ticket#1234").orElseThrow()).hasToString("#1234");
    }

    @Test
    @DisplayName("R2: ticket numbers are positive")
    void positive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TicketNumber(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new TicketNumber(-3));
    }
}

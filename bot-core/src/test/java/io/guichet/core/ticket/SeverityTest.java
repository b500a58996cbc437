package io.guichet.core.ticket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SeverityTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            // numbers and the usual prefixes
            "1                 | S1",
            "2                 | S2",
            "3                 | S3",
            "4                 | S4",
            "' 3 '             | S3",
            "sev 2             | S2",
            "Sev2              | S2",
            "severity: 1       | S1",
            "Severity 4        | S4",
            "S2                | S2",
            "s-3               | S3",
            "P3                | S3",
            "priority 1        | S1",
            "Priorité 2        | S2",
            "Gravité : 2       | S2",
            "gravite 4         | S4",
            "Sévérité 3        | S3",
            "niveau 1          | S1",
            "level 4           | S4",
            "2 - major impact  | S2",
            "1 (server down)   | S1",
            // French words, with and without accents, both genders
            "critique          | S1",
            "Critique!         | S1",
            "urgente           | S1",
            "bloquante         | S1",
            "majeure           | S2",
            "haute             | S2",
            "élevée            | S2",
            "elevee            | S2",
            "élevé             | S2",
            "moyenne           | S3",
            "modérée           | S3",
            "moderee           | S3",
            "MODÉRÉE           | S3",
            "mineure           | S4",
            "basse             | S4",
            "faible            | S4",
            // English words
            "critical          | S1",
            "Critical: all agents offline | S1",
            "urgent            | S1",
            "high              | S2",
            "Major             | S2",
            "medium            | S3",
            "moderate          | S3",
            "low               | S4",
            "minor, cosmetic   | S4",
    })
    @DisplayName("R14: a severity is read as a number, a prefixed number, or an English or French word")
    void parses(String text, Severity expected) {
        assertThat(Severity.parse(text)).contains(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" refused")
    @NullAndEmptySource
    @ValueSource(strings = {"0", "5", "12", "2.5", "1,5", "3.0", "sev 5", "S5", "P0", "urgentt", "critica", "pas urgent", "non critique",
            "very high", "asap", "?", "severity", "gravité"})
    @DisplayName("R14: anything but 1-4 or a known word is refused, so the customer is asked again")
    void refuses(String text) {
        assertThat(Severity.parse(text)).isEmpty();
    }

    @Test
    @DisplayName("R14: only severity 1 is worked round the clock (24x7x365); 2-4 in business hours")
    void roundTheClockOnlyForOne() {
        assertThat(Severity.S1.roundTheClock()).isTrue();
        assertThat(Severity.S2.roundTheClock()).isFalse();
        assertThat(Severity.S3.roundTheClock()).isFalse();
        assertThat(Severity.S4.roundTheClock()).isFalse();
    }

    @Test
    @DisplayName("R6, R11, R17: a downgrade goes one step at a time and stops at 4")
    void downgradeChain() {
        assertThat(Severity.S1.downgraded()).isEqualTo(Severity.S2);
        assertThat(Severity.S2.downgraded()).isEqualTo(Severity.S3);
        assertThat(Severity.S3.downgraded()).isEqualTo(Severity.S4);
        assertThat(Severity.S4.downgraded()).isEqualTo(Severity.S4);
    }

    @ParameterizedTest
    @EnumSource(Severity.class)
    @DisplayName("R14: level and of() agree, and the level parses back to the same severity")
    void levelsRoundTrip(Severity severity) {
        assertThat(Severity.of(severity.level())).isSameAs(severity);
        assertThat(Severity.parse(String.valueOf(severity.level()))).contains(severity);
    }

    @Test
    @DisplayName("R14: a level outside 1-4 is a programming error, not a severity")
    void ofRefusesOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> Severity.of(0));
        assertThatIllegalArgumentException().isThrownBy(() -> Severity.of(5)).withMessageContaining("1, 2, 3, 4");
    }
}

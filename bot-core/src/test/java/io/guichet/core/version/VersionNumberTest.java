package io.guichet.core.version;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VersionNumberTest {

    private static VersionNumber v(String text) {
        return VersionNumber.parse(text).orElseThrow();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "9.5.0.12               | 9.5.0.12",
            "v10.2                  | 10.2",
            "VSA 9.5.0.12           | 9.5.0.12",
            "Traverse 11 (on-prem)  | 11",
            "version 9.05 then 9.6  | 9.5",
    })
    @DisplayName("R20: the first version number in the customer's text is read, part by part")
    void parses(String text, String expected) {
        assertThat(VersionNumber.parse(text)).map(VersionNumber::toString).contains(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" has no version")
    @NullAndEmptySource
    @ValueSource(strings = {"latest", "VSA", "v", "the new one"})
    @DisplayName("R20: text without a version number gives none")
    void noVersion(String text) {
        assertThat(VersionNumber.parse(text)).isEmpty();
    }

    @Test
    @DisplayName("R20: versions compare numerically, not as text (10.0 > 9.9, 9.10 > 9.9)")
    void numericComparison() {
        assertThat(v("10.0")).isGreaterThan(v("9.9"));
        assertThat(v("9.10")).isGreaterThan(v("9.9"));
        assertThat(v("9.5.1")).isGreaterThan(v("9.5"));
        assertThat(v("9.5.0")).isEqualByComparingTo(v("9.5"));
        assertThat(v("2.0")).isLessThan(v("10"));
        assertThat(List.of(v("10.0"), v("9.9"), v("9.10"), v("1.2.3")).stream().sorted().map(VersionNumber::toString))
                .containsExactly("1.2.3", "9.9", "9.10", "10.0");
    }

    @Test
    @DisplayName("R20: a build number is within its release (9.5.0.12 is within 9.5), a different release is not")
    void within() {
        assertThat(v("9.5.0.12").within(v("9.5"))).isTrue();
        assertThat(v("9.5").within(v("9.5"))).isTrue();
        assertThat(v("9.50").within(v("9.5"))).isFalse();
        assertThat(v("9.6.1").within(v("9.5"))).isFalse();
        assertThat(v("9").within(v("9.5"))).isFalse();
    }
}

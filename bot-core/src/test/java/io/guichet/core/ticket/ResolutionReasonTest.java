package io.guichet.core.ticket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ResolutionReasonTest {

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource({
            "NO_RESPONSE,         R12a, no-response",
            "NO_LONGER_NEEDED,    R12b, no-longer-needed",
            "FIXED_BY_UPDATE,     R12c, fixed-by-update",
            "WORKS_AS_DOCUMENTED, R12d, works-as-documented",
            "FEATURE_REQUEST,     R12e, feature-request",
            "OUT_OF_SCOPE,        R12f, out-of-scope",
            "NOT_SUBSTANTIAL,     R12g, not-substantial",
    })
    @DisplayName("R12a-g: each of the seven reasons carries its rule id and code")
    void ruleAndCode(ResolutionReason reason, String rule, String code) {
        assertThat(reason.rule()).isEqualTo(rule);
        assertThat(reason.code()).isEqualTo(code);
    }

    @ParameterizedTest
    @EnumSource(ResolutionReason.class)
    @DisplayName("R12a-g: a reason is read from its code, its rule id (R12e, 12e, e) or its enum name, in any case")
    void parsesEverySpelling(ResolutionReason reason) {
        String rule = reason.rule();
        assertThat(ResolutionReason.parse(reason.code())).contains(reason);
        assertThat(ResolutionReason.parse(" " + reason.code().toUpperCase(Locale.ROOT) + " ")).contains(reason);
        assertThat(ResolutionReason.parse(rule)).contains(reason);
        assertThat(ResolutionReason.parse(rule.toLowerCase(Locale.ROOT))).contains(reason);
        assertThat(ResolutionReason.parse(rule.substring(1))).contains(reason);
        assertThat(ResolutionReason.parse(rule.substring(3))).contains(reason);
        assertThat(ResolutionReason.parse(rule.substring(3).toUpperCase(Locale.ROOT))).contains(reason);
        assertThat(ResolutionReason.parse(reason.name())).contains(reason);
        assertThat(ResolutionReason.parse(reason.name().toLowerCase(Locale.ROOT))).contains(reason);
    }

    @Test
    @DisplayName("R12e: the examples of the rule id read as feature request")
    void featureRequestExamples() {
        assertThat(ResolutionReason.parse("R12e")).contains(ResolutionReason.FEATURE_REQUEST);
        assertThat(ResolutionReason.parse("12e")).contains(ResolutionReason.FEATURE_REQUEST);
        assertThat(ResolutionReason.parse("e")).contains(ResolutionReason.FEATURE_REQUEST);
        assertThat(ResolutionReason.parse("feature_request")).contains(ResolutionReason.FEATURE_REQUEST);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" refused")
    @NullAndEmptySource
    @ValueSource(strings = {"h", "R12h", "12", "R12", "R13", "fixed", "no response please", "feature-requests"})
    @DisplayName("R12: anything but one of the seven reasons is refused")
    void refuses(String text) {
        assertThat(ResolutionReason.parse(text)).isEmpty();
    }

    @Test
    @DisplayName("R12: the accepted list names all seven reasons with their rule ids, in order")
    void acceptedListsAllSeven() {
        assertThat(ResolutionReason.accepted()).isEqualTo("no-response (R12a), no-longer-needed (R12b), "
                + "fixed-by-update (R12c), works-as-documented (R12d), feature-request (R12e), out-of-scope (R12f), "
                + "not-substantial (R12g)");
        assertThat(ResolutionReason.accepted().split(", ")).hasSize(7);
    }
}

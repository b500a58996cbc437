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
            "SOLUTION_PROVIDED,   R12,  solution-provided",
            "NO_RESPONSE,         R12a, no-response",
            "NO_LONGER_NEEDED,    R12b, no-longer-needed",
            "FIXED_BY_UPDATE,     R12c, fixed-by-update",
            "WORKS_AS_DOCUMENTED, R12d, works-as-documented",
            "FEATURE_REQUEST,     R12e, feature-request",
            "OUT_OF_SCOPE,        R12f, out-of-scope",
            "NOT_SUBSTANTIAL,     R12g, not-substantial",
            "DIAGNOSTICS_NOT_FOLLOWED, R6, diagnostics-not-followed",
            "EXCLUDED_INTEGRATION, R21a, excluded-integration",
            "EXCLUDED_MISUSE, R21b, excluded-misuse",
            "EXCLUDED_ENVIRONMENT, R21c, excluded-environment",
            "EXCLUDED_UPGRADE_TESTING, R21d, excluded-upgrade-testing",
            "EXCLUDED_OTHER_PURPOSE, R21e, excluded-other-purpose",
            "EXCLUDED_UNCERTIFIED, R21f, excluded-uncertified",
            "EXCLUDED_UPDATE_NOT_INSTALLED, R21g, excluded-update-not-installed",
    })
    @DisplayName("R12, R12a-g, R6, R21a-g: each reason carries its rule id and code")
    void ruleAndCode(ResolutionReason reason, String rule, String code) {
        assertThat(reason.rule()).isEqualTo(rule);
        assertThat(reason.code()).isEqualTo(code);
    }

    @ParameterizedTest
    @EnumSource(ResolutionReason.class)
    @DisplayName("R12, R12a-g, R6, R21a-g: a reason is read from its code, its rule id (R12e, 12e, e; R21a, 21a; R12, 12; R6, 6) or its enum name, in any case; a lone letter is an R12 case")
    void parsesEverySpelling(ResolutionReason reason) {
        String rule = reason.rule();
        assertThat(ResolutionReason.parse(reason.code())).contains(reason);
        assertThat(ResolutionReason.parse(" " + reason.code().toUpperCase(Locale.ROOT) + " ")).contains(reason);
        assertThat(ResolutionReason.parse(rule)).contains(reason);
        assertThat(ResolutionReason.parse(rule.toLowerCase(Locale.ROOT))).contains(reason);
        assertThat(ResolutionReason.parse(rule.substring(1))).contains(reason);
        if (rule.length() == 4 && rule.startsWith("R12")) {
            assertThat(ResolutionReason.parse(rule.substring(3))).contains(reason);
            assertThat(ResolutionReason.parse(rule.substring(3).toUpperCase(Locale.ROOT))).contains(reason);
        }
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
    @ValueSource(strings = {"h", "R12h", "R13", "R7", "7", "fixed", "no response please", "feature-requests", "solution"})
    @DisplayName("R12: anything but one of the reasons is refused")
    void refuses(String text) {
        assertThat(ResolutionReason.parse(text)).isEmpty();
    }

    @Test
    @DisplayName("R12, R6, R21: the accepted list names every reason with its rule id, the ordinary one first; the decline list only out of scope and the exclusions")
    void acceptedListsAll() {
        assertThat(ResolutionReason.accepted()).isEqualTo("solution-provided (R12), no-response (R12a), "
                + "no-longer-needed (R12b), fixed-by-update (R12c), works-as-documented (R12d), feature-request (R12e), "
                + "out-of-scope (R12f), not-substantial (R12g), diagnostics-not-followed (R6), "
                + "excluded-integration (R21a), excluded-misuse (R21b), excluded-environment (R21c), "
                + "excluded-upgrade-testing (R21d), excluded-other-purpose (R21e), excluded-uncertified (R21f), "
                + "excluded-update-not-installed (R21g)");
        assertThat(ResolutionReason.accepted().split(", ")).hasSize(16);
        assertThat(ResolutionReason.acceptedForDecline()).startsWith("out-of-scope (R12f), excluded-integration (R21a)")
                .endsWith("excluded-update-not-installed (R21g)");
    }

    @Test
    @DisplayName("R12, R6: the ordinary resolution reads from R12 and 12, diagnostics not followed from R6 and 6")
    void ruleIdsWithoutLetter() {
        assertThat(ResolutionReason.parse("R12")).contains(ResolutionReason.SOLUTION_PROVIDED);
        assertThat(ResolutionReason.parse("12")).contains(ResolutionReason.SOLUTION_PROVIDED);
        assertThat(ResolutionReason.parse("r6")).contains(ResolutionReason.DIAGNOSTICS_NOT_FOLLOWED);
        assertThat(ResolutionReason.parse("6")).contains(ResolutionReason.DIAGNOSTICS_NOT_FOLLOWED);
    }
}

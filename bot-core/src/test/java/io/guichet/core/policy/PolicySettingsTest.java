package io.guichet.core.policy;

import io.guichet.core.ticket.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PolicySettingsTest {

    private final PolicySettings defaults = PolicySettings.defaults();

    @Test
    @DisplayName("R12a, R22: by default reminders go after 2 and 5 days and the ticket resolves after 7 days without answer")
    void noResponseDefaults() {
        assertThat(defaults.reminderOffsets()).containsExactly(Duration.ofDays(2), Duration.ofDays(5));
        assertThat(defaults.autoResolveAfter()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    @DisplayName("R13, R22: by default a resolved ticket may be reopened for 7 days")
    void reopenWindowDefault() {
        assertThat(defaults.reopenWindow()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    @DisplayName("R11, R17, R22: by default a severity-1 question unanswered for 4 hours downgrades the ticket")
    void severityOneTimeoutDefault() {
        assertThat(defaults.severityOneAnswerTimeout()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    @DisplayName("R10, R22: by default a certification lasts 1 year, with a reminder 30 days before it ends")
    void certificationDefaults() {
        assertThat(defaults.certificationValidity()).isEqualTo(Period.ofYears(1));
        assertThat(defaults.certificationReminder()).isEqualTo(Period.ofDays(30));
    }

    @Test
    @DisplayName("R20, R22: by default the previous version is supported 1 year, and retirement is announced 1 year ahead")
    void versionDefaults() {
        assertThat(defaults.previousVersionSupport()).isEqualTo(Period.ofYears(1));
        assertThat(defaults.sunsetNotice()).isEqualTo(Period.ofYears(1));
    }

    @Test
    @DisplayName("R4(5), R18, R22: by default any module is accepted and escalation is asked in English or French")
    void listDefaults() {
        assertThat(defaults.modules()).isEmpty();
        assertThat(defaults.escalationKeywords()).contains("escalate", "escalade");
    }

    @Test
    @DisplayName("R14, R15, R16: every severity has response targets, and a more severe ticket is never due later")
    void responseTargetsPerSeverity() {
        for (Severity s : Severity.values()) {
            assertThat(defaults.firstResponseTarget(s)).isPositive();
            assertThat(defaults.updateTarget(s)).isPositive();
        }
        for (Severity s : List.of(Severity.S1, Severity.S2, Severity.S3)) {
            Severity lesser = s.downgraded();
            assertThat(defaults.firstResponseTarget(s)).isLessThanOrEqualTo(defaults.firstResponseTarget(lesser));
            assertThat(defaults.updateTarget(s)).isLessThanOrEqualTo(defaults.updateTarget(lesser));
        }
    }

    @Test
    @DisplayName("R22: the timers shrink to seconds for tests, everything else unchanged")
    void timersShrink() {
        PolicySettings fast = defaults.withTimers(List.of(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Duration.ofSeconds(7), Duration.ofSeconds(3));

        assertThat(fast.reminderOffsets()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(fast.autoResolveAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(fast.reopenWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fast.withTimers(defaults.reminderOffsets(), defaults.autoResolveAfter(), defaults.reopenWindow()))
                .isEqualTo(defaults);
    }

    @Test
    @DisplayName("R4(5), R22: the desk's module list is a setting, copied so later changes to the caller's list do not leak in")
    void modulesSetting() {
        List<String> modules = new ArrayList<>(List.of("Agent", "Patch Management"));
        PolicySettings withModules = defaults.withModules(modules);
        modules.add("Sneaky");

        assertThat(withModules.modules()).containsExactly("Agent", "Patch Management");
        assertThat(withModules.withModules(List.of())).isEqualTo(defaults);
    }

    @ParameterizedTest(name = "[{index}] reminder after {0} h with auto-resolve after 168 h")
    @ValueSource(longs = {168, 169, -1})
    @DisplayName("R12a, R22: a reminder at or after auto-resolution (or before zero) is refused")
    void reminderMustComeBeforeAutoResolve(long hours) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withTimers(List.of(Duration.ofDays(2), Duration.ofHours(hours)),
                        Duration.ofDays(7), Duration.ofDays(7)))
                .withMessageContaining("autoResolveAfter");
    }

    @Test
    @DisplayName("R15, R22: a response target missing for a severity is refused, naming the severity")
    void missingSeverityTarget() {
        Map<Severity, Duration> noS4 = new EnumMap<>(Severity.class);
        noS4.put(Severity.S1, Duration.ofHours(1));
        noS4.put(Severity.S2, Duration.ofHours(4));
        noS4.put(Severity.S3, Duration.ofHours(8));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PolicySettings(defaults.reminderOffsets(), defaults.autoResolveAfter(),
                        defaults.reopenWindow(), noS4, defaults.updateTargets(), defaults.severityOneAnswerTimeout(),
                        defaults.certificationValidity(), defaults.certificationReminder(),
                        defaults.previousVersionSupport(), defaults.sunsetNotice(), defaults.modules(),
                        defaults.escalationKeywords()))
                .withMessage("firstResponseTargets needs a positive duration for severity 4");
    }

    @Test
    @DisplayName("R16, R22: a zero update target is refused")
    void zeroTargetRefused() {
        Map<Severity, Duration> zero = PolicySettings.perSeverity(Duration.ofHours(1), Duration.ZERO,
                Duration.ofHours(8), Duration.ofHours(16));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PolicySettings(defaults.reminderOffsets(), defaults.autoResolveAfter(),
                        defaults.reopenWindow(), defaults.firstResponseTargets(), zero,
                        defaults.severityOneAnswerTimeout(), defaults.certificationValidity(),
                        defaults.certificationReminder(), defaults.previousVersionSupport(), defaults.sunsetNotice(),
                        defaults.modules(), defaults.escalationKeywords()))
                .withMessage("updateTargets needs a positive duration for severity 2");
    }
}

package io.guichet.core.policy;

import io.guichet.core.ticket.Severity;

import java.time.Duration;
import java.time.Period;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every number and list of the policy, as settings (R22). {@link #defaults()} gives the values of docs/policy.md;
 * tests shrink them to seconds. Durations count on the ticket's service calendar (business hours for
 * severities 2-4, round the clock for severity 1) where a rule says so, else in plain elapsed time.
 *
 * @param reminderOffsets          R12a: reminders after this long waiting on the customer (default 2 and 5 days)
 * @param autoResolveAfter         R12a: resolved with reason NO_RESPONSE after this long without an answer (7 days)
 * @param reopenWindow             R13: a resolved ticket may be reopened this long; then it is closed for good (7 days)
 * @param firstResponseTargets     R15: initial response target per severity, on the service calendar
 * @param updateTargets            R16: update interval per severity, on the service calendar
 * @param severityOneAnswerTimeout R11, R17: a severity-1 question unanswered this long downgrades to 2 (4 hours)
 * @param certificationValidity    R10: how long a certification lasts (1 year)
 * @param certificationReminder    R10: reminder this long before a certification ends (30 days)
 * @param previousVersionSupport   R20: the previous on-premise version stays supported this long after the next release (1 year)
 * @param sunsetNotice             R20: retirement is announced this long ahead (1 year)
 * @param modules                  R4(5): the desk's own list of modules; empty accepts any non-blank text
 * @param escalationKeywords       R18: a first line starting with one of these asks for escalation
 */
public record PolicySettings(List<Duration> reminderOffsets,
                             Duration autoResolveAfter,
                             Duration reopenWindow,
                             Map<Severity, Duration> firstResponseTargets,
                             Map<Severity, Duration> updateTargets,
                             Duration severityOneAnswerTimeout,
                             Period certificationValidity,
                             Period certificationReminder,
                             Period previousVersionSupport,
                             Period sunsetNotice,
                             List<String> modules,
                             List<String> escalationKeywords) {

    public PolicySettings {
        reminderOffsets = List.copyOf(reminderOffsets);
        firstResponseTargets = Map.copyOf(complete(firstResponseTargets, "firstResponseTargets"));
        updateTargets = Map.copyOf(complete(updateTargets, "updateTargets"));
        modules = List.copyOf(modules);
        escalationKeywords = List.copyOf(escalationKeywords);
        Objects.requireNonNull(autoResolveAfter);
        Objects.requireNonNull(reopenWindow);
        Objects.requireNonNull(severityOneAnswerTimeout);
        for (Duration offset : reminderOffsets) {
            if (offset.isNegative() || offset.compareTo(autoResolveAfter) >= 0) {
                throw new IllegalArgumentException("reminder offsets must lie between zero and autoResolveAfter");
            }
        }
    }

    /** The policy as written in POLICY.md. Response targets are Guichet's defaults (the policy names none). */
    public static PolicySettings defaults() {
        return new PolicySettings(
                List.of(Duration.ofDays(2), Duration.ofDays(5)),
                Duration.ofDays(7),
                Duration.ofDays(7),
                perSeverity(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16)),
                perSeverity(Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16), Duration.ofHours(40)),
                Duration.ofHours(4),
                Period.ofYears(1),
                Period.ofDays(30),
                Period.ofYears(1),
                Period.ofYears(1),
                List.of(),
                List.of("escalate", "escalade", "escalation", "escalader"));
    }

    public static Map<Severity, Duration> perSeverity(Duration s1, Duration s2, Duration s3, Duration s4) {
        Map<Severity, Duration> map = new EnumMap<>(Severity.class);
        map.put(Severity.S1, s1);
        map.put(Severity.S2, s2);
        map.put(Severity.S3, s3);
        map.put(Severity.S4, s4);
        return map;
    }

    public Duration firstResponseTarget(Severity severity) {
        return firstResponseTargets.get(severity);
    }

    public Duration updateTarget(Severity severity) {
        return updateTargets.get(severity);
    }

    public PolicySettings withModules(List<String> newModules) {
        return new PolicySettings(reminderOffsets, autoResolveAfter, reopenWindow, firstResponseTargets, updateTargets,
                severityOneAnswerTimeout, certificationValidity, certificationReminder, previousVersionSupport,
                sunsetNotice, newModules, escalationKeywords);
    }

    public PolicySettings withTimers(List<Duration> newReminderOffsets, Duration newAutoResolveAfter,
                                     Duration newReopenWindow) {
        return new PolicySettings(newReminderOffsets, newAutoResolveAfter, newReopenWindow, firstResponseTargets,
                updateTargets, severityOneAnswerTimeout, certificationValidity, certificationReminder,
                previousVersionSupport, sunsetNotice, modules, escalationKeywords);
    }

    private static Map<Severity, Duration> complete(Map<Severity, Duration> targets, String name) {
        for (Severity s : Severity.values()) {
            Duration d = targets.get(s);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " needs a positive duration for severity " + s.level());
            }
        }
        return targets;
    }
}

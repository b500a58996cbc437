package io.guichet.core.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a ticket was resolved, each with its rule id and a short name: the ordinary end (R12: a solution or workaround
 * found and given), the seven other cases of R12, diagnostics not followed (R6), and the seven exclusions of R21,
 * which a technician gives to resolve or to decline a request at intake ({@link #declines()}).
 */
public enum ResolutionReason {
    /** R12: a solution or workaround was found and given to the customer; the ordinary way a ticket ends. */
    SOLUTION_PROVIDED("R12", "solution-provided"),
    /** R12a: no answer to several contact attempts, typically 7 days. */
    NO_RESPONSE("R12a", "no-response"),
    /** R12b: the customer says help is no longer needed. */
    NO_LONGER_NEEDED("R12b", "no-longer-needed"),
    /** R12c: the latest patch or upgrade fixes it. */
    FIXED_BY_UPDATE("R12c", "fixed-by-update"),
    /** R12d: the software works as documented. */
    WORKS_AS_DOCUMENTED("R12d", "works-as-documented"),
    /** R12e: a feature request; the customer is pointed to the knowledge base to submit it. */
    FEATURE_REQUEST("R12e", "feature-request"),
    /** R12f: outside support's competence (training, licensing, business, professional services). */
    OUT_OF_SCOPE("R12f", "out-of-scope"),
    /** R12g: does not substantially affect the software, need not be fixed now. */
    NOT_SUBSTANTIAL("R12g", "not-substantial"),
    /** R6: the customer did not follow the diagnostic steps suggested. */
    DIAGNOSTICS_NOT_FOLLOWED("R6", "diagnostics-not-followed"),
    /** R21a: caused by integrating or adding a function, program or device (the customer's own integration). */
    EXCLUDED_INTEGRATION("R21a", "excluded-integration"),
    /** R21b: caused by accident, transport, negligence, misuse, alteration or modification. */
    EXCLUDED_MISUSE("R21b", "excluded-misuse"),
    /** R21c: caused by an unsuitable installation environment. */
    EXCLUDED_ENVIRONMENT("R21c", "excluded-environment"),
    /** R21d: caused by an inadequate test environment or procedure for a major upgrade. */
    EXCLUDED_UPGRADE_TESTING("R21d", "excluded-upgrade-testing"),
    /** R21e: caused by use for another purpose than intended. */
    EXCLUDED_OTHER_PURPOSE("R21e", "excluded-other-purpose"),
    /** R21f: caused by a service environment the vendor has not certified. */
    EXCLUDED_UNCERTIFIED("R21f", "excluded-uncertified"),
    /** R21g: caused by not installing an update already provided that fixed the problem. */
    EXCLUDED_UPDATE_NOT_INSTALLED("R21g", "excluded-update-not-installed");

    private final String rule;
    private final String code;

    ResolutionReason(String rule, String code) {
        this.rule = rule;
        this.code = code;
    }

    public String rule() {
        return rule;
    }

    /** R21: one of the seven exclusions; the customer is redirected to the consulting services. */
    public boolean exclusion() {
        return rule.startsWith("R21");
    }

    /**
     * A reason a request may be declined for at intake: an exclusion (R21) or outside technical support (R3, R12f).
     */
    public boolean declines() {
        return exclusion() || this == OUT_OF_SCOPE;
    }

    /** Every reason a request may be declined for, for messages. */
    public static String acceptedForDecline() {
        return Arrays.stream(values()).filter(ResolutionReason::declines).map(r -> r.code + " (" + r.rule + ")")
                .collect(Collectors.joining(", "));
    }

    /** The short name technicians type. */
    public String code() {
        return code;
    }

    /** Every accepted spelling, for messages. */
    public static String accepted() {
        return Arrays.stream(values()).map(r -> r.code + " (" + r.rule + ")").collect(Collectors.joining(", "));
    }

    /**
     * Reads a code ({@code feature-request}), a rule id ({@code R12e}, {@code 12e}, {@code e}; {@code R21a},
     * {@code 21a}; {@code R12} and {@code R6} for the reasons without a letter) or the enum name. A lone letter
     * names an R12 case.
     */
    public static Optional<ResolutionReason> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ResolutionReason r : values()) {
            String rule = r.rule.toLowerCase(Locale.ROOT);
            boolean letter = rule.length() == 4 && t.equals(rule.substring(3));
            if (!t.isEmpty() && (t.equals(r.code) || t.equals(rule) || t.equals(rule.substring(1)) || letter
                    || t.equals(r.name().toLowerCase(Locale.ROOT).replace('_', '-')))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}

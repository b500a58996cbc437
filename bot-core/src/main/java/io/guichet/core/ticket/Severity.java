package io.guichet.core.ticket;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Business impact (R14). 1 is a general outage worked 24x7x365; 2 to 4 are worked in business hours.
 */
public enum Severity {
    /** General outage, agents offline, server down, critical production impact. */
    S1(1),
    /** Significant loss of an application's function, major production impact or integrity threat. */
    S2(2),
    /** Moderate loss of function, relative impact. */
    S3(3),
    /** Minor loss, or integration, installation, configuration requests. */
    S4(4);

    /** What {@link #parse} accepts, for messages. */
    public static final String ACCEPTED = "1, 2, 3 or 4 (1 = outage, 2 = major, 3 = moderate, 4 = minor)";

    private static final Pattern NUMBERED = Pattern.compile("^(?:sev(?:erity|erite)?|s|p(?:riority|riorite)?|gravite|niveau|level)?\\s*[-:#]?\\s*([1-4])(?![.,]?\\d)\\b.*");

    private final int level;

    Severity(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    /** R14: severity 1 runs on the 24x7 calendar; the others on business hours. */
    public boolean roundTheClock() {
        return this == S1;
    }

    /** One step less severe, or this one if already the least (R6, R11, R17 downgrades). */
    public Severity downgraded() {
        return this == S4 ? S4 : values()[ordinal() + 1];
    }

    public static Severity of(int level) {
        return switch (level) {
            case 1 -> S1;
            case 2 -> S2;
            case 3 -> S3;
            case 4 -> S4;
            default -> throw new IllegalArgumentException("severity " + level + " is not one of 1, 2, 3, 4");
        };
    }

    /**
     * Reads a severity as a customer writes it: {@code 2}, {@code sev 2}, {@code S2}, {@code P2}, or a word in
     * English or French (critical/critique, high/haute/majeure, medium/moyenne/modérée, low/basse/mineure).
     */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        Matcher m = NUMBERED.matcher(t);
        if (m.matches()) {
            return Optional.of(of(Integer.parseInt(m.group(1))));
        }
        String word = t.split("[\\s,.;:!()/-]+", 2)[0];
        return switch (word) {
            case "critical", "critique", "urgent", "urgente", "outage", "panne", "bloquant", "bloquante", "blocker" -> Optional.of(S1);
            case "high", "haute", "haut", "elevee", "eleve", "major", "majeure", "majeur", "significant" -> Optional.of(S2);
            case "medium", "moyenne", "moyen", "moderate", "moderee", "modere", "normal", "normale" -> Optional.of(S3);
            case "low", "basse", "bas", "faible", "minor", "mineure", "mineur" -> Optional.of(S4);
            default -> Optional.empty();
        };
    }
}

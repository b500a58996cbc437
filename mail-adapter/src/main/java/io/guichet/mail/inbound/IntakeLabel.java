package io.guichet.mail.inbound;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels customers put in front of intake fields (R4), in French and English. Matching is
 * case-insensitive and accent-tolerant, accepts a {@code -}, {@code *} or {@code •} bullet, Markdown bold, and a
 * colon with or without spaces around it ({@code Gravité : 2}).
 */
enum IntakeLabel {
    SUBJECT(false, "objet", "subject", "sujet"),
    DESCRIPTION(true, "description du probleme", "description of the problem", "problem description",
            "description"),
    SEVERITY(false, "niveau de gravite", "gravite", "severite", "severity level", "severity", "priority",
            "priorite", "impact metier", "business impact"),
    SERVER_URL(false, "url du serveur", "serveur url", "url serveur", "server url", "url"),
    MODULE(false, "module/categorie", "module ou categorie", "categorie de produit", "product category",
            "module", "categorie", "category"),
    STEPS(true, "etapes pour reproduire", "etapes a reproduire", "etapes de reproduction", "steps to reproduce",
            "reproduction steps"),
    DEVICES(true, "exemples? d'appareils concernes", "appareils concernes", "example affected devices",
            "affected devices"),
    VERSION(false, "numero de version", "n° de version", "no de version", "version number", "version");


    private final boolean multiLine;
    private final Pattern pattern;

    IntakeLabel(boolean multiLine, String... labels) {
        this.multiLine = multiLine;
        this.pattern = Pattern.compile("^\\s*(?:[-*•]\\s*)?(?:\\*\\*)?(?:" + String.join("|", labels)
                .replace(" ", "\\s+").replace("/", "\\s*/\\s*") + ")(?:\\*\\*)?\\s*:");
    }

    /** Whether the value may continue on the following lines. */
    boolean multiLine() {
        return multiLine;
    }

    /** The label and the value after its colon, when {@code line} starts with a label. */
    static Optional<Match> match(String line) {
        if (line.indexOf(':') < 0) {
            return Optional.empty(); // every label ends with a colon: most lines of a mail are not labels
        }
        String normalized = normalize(line);
        for (IntakeLabel label : values()) {
            Matcher matcher = label.pattern.matcher(normalized);
            if (matcher.find()) {
                int colon = line.indexOf(':');
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^\\s*(\\*\\*)?", "");
                return Optional.of(new Match(label, value.strip()));
            }
        }
        return Optional.empty();
    }

    /** Lower case, accents removed, typographic apostrophes straightened. */
    static String normalize(String text) {
        return Accents.removed(text)
                .replace('’', '\'')
                .toLowerCase(Locale.ROOT);
    }

    /** A labelled line: which field, and the value written on the same line (possibly empty). */
    record Match(IntakeLabel label, String value) {
    }
}

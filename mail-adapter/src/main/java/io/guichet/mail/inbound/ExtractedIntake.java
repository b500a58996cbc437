package io.guichet.mail.inbound;

import java.util.Objects;
import java.util.Optional;

/**
 * The intake fields of policy rule R4 as found in a message, unvalidated: whether a URL is valid or a severity
 * allowed is for the core to decide. Inert ({@link InertText}): the subject is one line; the other values keep the
 * line breaks of a value written over several lines, and no other control.
 *
 * @param subject          {@code Objet:} / {@code Subject:}, else the mail subject when given
 * @param description      {@code Description:}, else the text without its labelled lines
 * @param severityText     the raw severity value, e.g. {@code "2 - majeure"}
 * @param severity         the severity number 1-4 read from {@code severityText} by the core's {@code Severity.parse}
 * @param serverUrl        {@code URL du serveur:} / {@code Server URL:}, else the first https URL
 * @param module           {@code Module:} / {@code Catégorie:} / {@code Category:}
 * @param stepsToReproduce {@code Étapes pour reproduire:} / {@code Steps to reproduce:}
 * @param affectedDevices  {@code Appareils concernés:} / {@code Affected devices:}
 * @param version          {@code Version:} / {@code Numéro de version:}, else a version-looking string
 */
public record ExtractedIntake(
        Optional<String> subject,
        Optional<String> description,
        Optional<String> severityText,
        Optional<Integer> severity,
        Optional<String> serverUrl,
        Optional<String> module,
        Optional<String> stepsToReproduce,
        Optional<String> affectedDevices,
        Optional<String> version) {

    public ExtractedIntake {
        subject = Objects.requireNonNull(subject, "subject").map(InertText::line);
        description = block(Objects.requireNonNull(description, "description"));
        severityText = block(Objects.requireNonNull(severityText, "severityText"));
        Objects.requireNonNull(severity, "severity");
        serverUrl = block(Objects.requireNonNull(serverUrl, "serverUrl"));
        module = block(Objects.requireNonNull(module, "module"));
        stepsToReproduce = block(Objects.requireNonNull(stepsToReproduce, "stepsToReproduce"));
        affectedDevices = block(Objects.requireNonNull(affectedDevices, "affectedDevices"));
        version = block(Objects.requireNonNull(version, "version"));
    }

    /** A value may run over several lines (until the next label): its line breaks stay, no other control. */
    private static Optional<String> block(Optional<String> value) {
        return value.map(InertText::block);
    }
}

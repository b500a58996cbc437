package io.guichet.core.ticket;

import java.util.Optional;

/**
 * The intake fields of R4 as they stand on a ticket. Any may still be missing while the ticket awaits
 * information (R5); {@link io.guichet.core.intake.IntakeRules} says which.
 */
public record TicketFields(String subject,
                           String description,
                           Optional<Severity> severity,
                           Optional<String> serverUrl,
                           Optional<String> module,
                           Optional<String> stepsToReproduce,
                           Optional<String> affectedDevices,
                           Optional<String> version) {

    public static TicketFields empty() {
        return new TicketFields("", "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** These fields, with every field present in {@code update} taking its value (used when a customer supplies what was missing). */
    public TicketFields mergedWith(TicketFields update) {
        return new TicketFields(
                update.subject.isBlank() ? subject : update.subject,
                update.description.isBlank() ? description : update.description,
                update.severity.or(() -> severity),
                update.serverUrl.or(() -> serverUrl),
                update.module.or(() -> module),
                update.stepsToReproduce.or(() -> stepsToReproduce),
                update.affectedDevices.or(() -> affectedDevices),
                update.version.or(() -> version));
    }

    public TicketFields withSeverity(Severity newSeverity) {
        return new TicketFields(subject, description, Optional.of(newSeverity), serverUrl, module, stepsToReproduce,
                affectedDevices, version);
    }
}

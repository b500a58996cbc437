package io.guichet.core.intake;

import io.guichet.core.Problem;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketFields;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * R4 and R5: which required fields a request has, which are missing, and which are present but not acceptable
 * (a severity outside 1-4, a server URL that is not a full internet address, a module not in the desk's list).
 * An invalid field counts as missing: the customer is told what was wrong and what is accepted.
 */
public final class IntakeRules {

    private final PolicySettings settings;

    public IntakeRules(PolicySettings settings) {
        this.settings = settings;
    }

    /** Checks a draft on its own (a new request). */
    public IntakeReport evaluate(IntakeDraft draft) {
        return evaluate(TicketFields.empty(), draft);
    }

    /** Checks what a ticket already has, completed by a later message's draft (R5: a reply supplies the rest). */
    public IntakeReport evaluate(TicketFields existing, IntakeDraft draft) {
        List<Problem> problems = new ArrayList<>();
        TicketFields update = new TicketFields(
                text(draft.subject()).orElse(""),
                text(draft.description()).orElse(""),
                text(draft.severity()).flatMap(s -> severity(s, problems)),
                text(draft.serverUrl()).flatMap(u -> serverUrl(u, problems)),
                text(draft.module()).flatMap(m -> module(m, problems)),
                text(draft.stepsToReproduce()),
                text(draft.affectedDevices()),
                text(draft.version()));
        TicketFields merged = existing.mergedWith(update);
        List<IntakeField> missing = new ArrayList<>();
        for (IntakeField field : IntakeField.values()) {
            if (!present(merged, field)) {
                missing.add(field);
                if (problems.stream().noneMatch(p -> p.field().equals(field.name()))) {
                    problems.add(Problem.missing(field.name(), field.englishLabel() + " is missing."));
                }
            }
        }
        return new IntakeReport(merged, missing, problems);
    }

    private static boolean present(TicketFields f, IntakeField field) {
        return switch (field) {
            case SUBJECT -> !f.subject().isBlank();
            case DESCRIPTION -> !f.description().isBlank();
            case SEVERITY -> f.severity().isPresent();
            case SERVER_URL -> f.serverUrl().isPresent();
            case MODULE -> f.module().isPresent();
            case STEPS_TO_REPRODUCE -> f.stepsToReproduce().isPresent();
            case AFFECTED_DEVICES -> f.affectedDevices().isPresent();
            case VERSION -> f.version().isPresent();
        };
    }

    private static Optional<String> text(Optional<String> raw) {
        return raw.map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<Severity> severity(String text, List<Problem> problems) {
        Optional<Severity> parsed = Severity.parse(text);
        if (parsed.isEmpty()) {
            problems.add(Problem.invalid(IntakeField.SEVERITY.name(),
                    "Severity '" + shorten(text) + "' is not one of " + Severity.ACCEPTED + "."));
        }
        return parsed;
    }

    /** R4(4): the full internet address of the affected server: an absolute http or https URL with a host. */
    private static Optional<String> serverUrl(String text, List<Problem> problems) {
        String candidate = text.split("\\s+", 2)[0];
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getHost().contains(".")) {
                return Optional.of(candidate);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(Problem.invalid(IntakeField.SERVER_URL.name(), "Server URL '" + shorten(text)
                + "' is not a full internet address: write it as https://server.example.com/."));
        return Optional.empty();
    }

    /** R4(5): from the desk's own list when it has one. */
    private Optional<String> module(String text, List<Problem> problems) {
        if (settings.modules().isEmpty()) {
            return Optional.of(text);
        }
        for (String known : settings.modules()) {
            if (known.equalsIgnoreCase(text)) {
                return Optional.of(known);
            }
        }
        problems.add(Problem.invalid(IntakeField.MODULE.name(), "Module '" + shorten(text) + "' is not one of "
                + String.join(", ", settings.modules()) + "."));
        return Optional.empty();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}

package io.guichet.core.intake;

import java.util.Optional;

/**
 * The intake fields as a channel read them, raw and unchecked: what a customer wrote, field by field. The core
 * checks them with {@link IntakeRules}.
 */
public record IntakeDraft(Optional<String> subject,
                          Optional<String> description,
                          Optional<String> severity,
                          Optional<String> serverUrl,
                          Optional<String> module,
                          Optional<String> stepsToReproduce,
                          Optional<String> affectedDevices,
                          Optional<String> version) {

    public static IntakeDraft empty() {
        return new IntakeDraft(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public IntakeDraft with(IntakeField field, String value) {
        Optional<String> v = Optional.ofNullable(value);
        return switch (field) {
            case SUBJECT -> new IntakeDraft(v, description, severity, serverUrl, module, stepsToReproduce, affectedDevices, version);
            case DESCRIPTION -> new IntakeDraft(subject, v, severity, serverUrl, module, stepsToReproduce, affectedDevices, version);
            case SEVERITY -> new IntakeDraft(subject, description, v, serverUrl, module, stepsToReproduce, affectedDevices, version);
            case SERVER_URL -> new IntakeDraft(subject, description, severity, v, module, stepsToReproduce, affectedDevices, version);
            case MODULE -> new IntakeDraft(subject, description, severity, serverUrl, v, stepsToReproduce, affectedDevices, version);
            case STEPS_TO_REPRODUCE -> new IntakeDraft(subject, description, severity, serverUrl, module, v, affectedDevices, version);
            case AFFECTED_DEVICES -> new IntakeDraft(subject, description, severity, serverUrl, module, stepsToReproduce, v, version);
            case VERSION -> new IntakeDraft(subject, description, severity, serverUrl, module, stepsToReproduce, affectedDevices, v);
        };
    }

    public Optional<String> get(IntakeField field) {
        return switch (field) {
            case SUBJECT -> subject;
            case DESCRIPTION -> description;
            case SEVERITY -> severity;
            case SERVER_URL -> serverUrl;
            case MODULE -> module;
            case STEPS_TO_REPRODUCE -> stepsToReproduce;
            case AFFECTED_DEVICES -> affectedDevices;
            case VERSION -> version;
        };
    }
}

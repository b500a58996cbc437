package io.guichet.core.intake;

/** The required intake fields of R4, in the order the policy lists them, with how we name them to customers. */
public enum IntakeField {
    SUBJECT("Subject", "Objet"),
    DESCRIPTION("Description", "Description"),
    SEVERITY("Severity", "Gravité"),
    SERVER_URL("Server URL", "URL du serveur"),
    MODULE("Module", "Module"),
    STEPS_TO_REPRODUCE("Steps to reproduce", "Étapes pour reproduire"),
    AFFECTED_DEVICES("Affected devices", "Appareils concernés"),
    VERSION("Version", "Version");

    private final String english;
    private final String french;

    IntakeField(String english, String french) {
        this.english = english;
        this.french = french;
    }

    /** The label a customer writes before the value, in English. */
    public String englishLabel() {
        return english;
    }

    /** The label a customer writes before the value, in French. */
    public String frenchLabel() {
        return french;
    }
}

package io.guichet.core.intake;

import io.guichet.core.Problem;
import io.guichet.core.ProblemCode;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketFields;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class IntakeRulesTest {

    private static final List<String> MODULES = List.of("Agent", "Patch Management", "Remote Control");

    private final IntakeRules anyModule = new IntakeRules(PolicySettings.defaults());
    private final IntakeRules deskModules = new IntakeRules(PolicySettings.defaults().withModules(MODULES));

    private static IntakeDraft complete() {
        return IntakeDraft.empty()
                .with(IntakeField.SUBJECT, "Agents offline")
                .with(IntakeField.DESCRIPTION, "All agents show offline since 09:00. Expected: online.")
                .with(IntakeField.SEVERITY, "2")
                .with(IntakeField.SERVER_URL, "https://vsa.acme.com")
                .with(IntakeField.MODULE, "agent")
                .with(IntakeField.STEPS_TO_REPRODUCE, "Open the console, look at the agent list.")
                .with(IntakeField.AFFECTED_DEVICES, "SN 12345 / device id A-1")
                .with(IntakeField.VERSION, "VSA 9.5.0.12");
    }

    @Test
    @DisplayName("R4: a draft with all eight fields is complete, with no problem, and its values accepted")
    void completeDraft() {
        IntakeReport report = deskModules.evaluate(complete());

        assertThat(report.complete()).isTrue();
        assertThat(report.missing()).isEmpty();
        assertThat(report.problems()).isEmpty();
        TicketFields accepted = report.accepted();
        assertThat(accepted.subject()).isEqualTo("Agents offline");
        assertThat(accepted.description()).startsWith("All agents show offline");
        assertThat(accepted.severity()).contains(Severity.S2);
        assertThat(accepted.serverUrl()).contains("https://vsa.acme.com");
        assertThat(accepted.module()).contains("Agent");
        assertThat(accepted.stepsToReproduce()).contains("Open the console, look at the agent list.");
        assertThat(accepted.affectedDevices()).contains("SN 12345 / device id A-1");
        assertThat(accepted.version()).contains("VSA 9.5.0.12");
    }

    @Test
    @DisplayName("R4, R5: an empty draft reports all eight fields missing at once, in the order of R4")
    void emptyDraftReportsAllMissing() {
        IntakeReport report = anyModule.evaluate(IntakeDraft.empty());

        assertThat(report.complete()).isFalse();
        assertThat(report.missing()).containsExactly(IntakeField.SUBJECT, IntakeField.DESCRIPTION,
                IntakeField.SEVERITY, IntakeField.SERVER_URL, IntakeField.MODULE, IntakeField.STEPS_TO_REPRODUCE,
                IntakeField.AFFECTED_DEVICES, IntakeField.VERSION);
        assertThat(report.problems()).extracting(Problem::code).containsOnly(ProblemCode.MISSING);
        assertThat(report.problems()).extracting(Problem::field).containsExactly("SUBJECT", "DESCRIPTION", "SEVERITY",
                "SERVER_URL", "MODULE", "STEPS_TO_REPRODUCE", "AFFECTED_DEVICES", "VERSION");
        assertThat(report.problems().get(3).detail()).isEqualTo("Server URL is missing.");
    }

    @Test
    @DisplayName("R5: a field written blank counts as missing")
    void blankIsMissing() {
        IntakeReport report = anyModule.evaluate(complete().with(IntakeField.SUBJECT, "   ")
                .with(IntakeField.VERSION, "\n\t"));

        assertThat(report.missing()).containsExactly(IntakeField.SUBJECT, IntakeField.VERSION);
    }

    @Test
    @DisplayName("R4(3), R14: an invalid severity is one INVALID problem naming the value and what is accepted, and counts as missing")
    void invalidSeverity() {
        IntakeReport report = anyModule.evaluate(complete().with(IntakeField.SEVERITY, "urgentt"));

        assertThat(report.complete()).isFalse();
        assertThat(report.missing()).containsExactly(IntakeField.SEVERITY);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.INVALID);
            assertThat(p.field()).isEqualTo("SEVERITY");
            assertThat(p.detail()).isEqualTo("Severity 'urgentt' is not one of " + Severity.ACCEPTED + ".");
        });
        assertThat(report.accepted().severity()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" accepted")
    @ValueSource(strings = {"https://vsa.acme.com", "http://vsa.acme.com/", "HTTPS://VSA.ACME.COM:8443/vsa/",
            "https://10.0.0.5/"})
    @DisplayName("R4(4): a full internet address (absolute http(s) URL with a dotted host) is accepted")
    void serverUrlAccepted(String url) {
        IntakeReport report = anyModule.evaluate(complete().with(IntakeField.SERVER_URL, url));

        assertThat(report.problems()).isEmpty();
        assertThat(report.accepted().serverUrl()).contains(url);
    }

    @Test
    @DisplayName("R4(4): a server URL followed by a comment keeps the address only")
    void serverUrlWithComment() {
        IntakeReport report = anyModule.evaluate(complete().with(IntakeField.SERVER_URL, "https://vsa.acme.com (prod)"));

        assertThat(report.accepted().serverUrl()).contains("https://vsa.acme.com");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" refused")
    @ValueSource(strings = {"server.example.com", "vsa.acme.com/login", "ftp://vsa.acme.com", "https://localhost",
            "https://", "our main server", "file:///etc/passwd", "javascript:alert(1)", "https://vsa acme.com",
            "https://bad host/"})
    @DisplayName("R4(4): anything but a full http(s) address is refused, saying how to write it")
    void serverUrlRefused(String url) {
        IntakeReport report = anyModule.evaluate(complete().with(IntakeField.SERVER_URL, url));

        assertThat(report.missing()).containsExactly(IntakeField.SERVER_URL);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.INVALID);
            assertThat(p.field()).isEqualTo("SERVER_URL");
            assertThat(p.detail()).startsWith("Server URL '" + url + "' is not a full internet address")
                    .contains("https://server.example.com/");
        });
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> Patch Management")
    @ValueSource(strings = {"Patch Management", "patch management", "PATCH MANAGEMENT", "  Patch management  "})
    @DisplayName("R4(5): a module from the desk's list is matched in any case and stored under its own name")
    void moduleMatchedCaseInsensitively(String module) {
        IntakeReport report = deskModules.evaluate(complete().with(IntakeField.MODULE, module));

        assertThat(report.problems()).isEmpty();
        assertThat(report.accepted().module()).contains("Patch Management");
    }

    @Test
    @DisplayName("R4(5): a module not in the desk's list is refused, naming the list")
    void unknownModule() {
        IntakeReport report = deskModules.evaluate(complete().with(IntakeField.MODULE, "Backups"));

        assertThat(report.missing()).containsExactly(IntakeField.MODULE);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.INVALID);
            assertThat(p.field()).isEqualTo("MODULE");
            assertThat(p.detail()).isEqualTo("Module 'Backups' is not one of Agent, Patch Management, Remote Control.");
        });
    }

    @Test
    @DisplayName("R4(5), R22: a desk with no module list accepts any module text as written")
    void noModuleListAcceptsAnything() {
        IntakeReport report = anyModule.evaluate(complete().with(IntakeField.MODULE, "Backups (cloud)"));

        assertThat(report.problems()).isEmpty();
        assertThat(report.accepted().module()).contains("Backups (cloud)");
    }

    @Test
    @DisplayName("R5: every problem is reported at once: invalid and missing fields together")
    void everyProblemAtOnce() {
        IntakeDraft draft = IntakeDraft.empty()
                .with(IntakeField.DESCRIPTION, "It broke.")
                .with(IntakeField.SEVERITY, "urgentt")
                .with(IntakeField.SERVER_URL, "server.example.com")
                .with(IntakeField.MODULE, "Backups")
                .with(IntakeField.VERSION, "9.5");

        IntakeReport report = deskModules.evaluate(draft);

        assertThat(report.missing()).containsExactly(IntakeField.SUBJECT, IntakeField.SEVERITY, IntakeField.SERVER_URL,
                IntakeField.MODULE, IntakeField.STEPS_TO_REPRODUCE, IntakeField.AFFECTED_DEVICES);
        assertThat(report.problems()).extracting(Problem::field, Problem::code).containsExactlyInAnyOrder(
                tuple("SUBJECT", ProblemCode.MISSING),
                tuple("SEVERITY", ProblemCode.INVALID),
                tuple("SERVER_URL", ProblemCode.INVALID),
                tuple("MODULE", ProblemCode.INVALID),
                tuple("STEPS_TO_REPRODUCE", ProblemCode.MISSING),
                tuple("AFFECTED_DEVICES", ProblemCode.MISSING));
    }

    @Test
    @DisplayName("R5: a later reply supplying only the missing fields completes the intake, keeping what was sent first")
    void laterReplyCompletes() {
        IntakeDraft first = complete()
                .with(IntakeField.SEVERITY, null)
                .with(IntakeField.SERVER_URL, "server.example.com")
                .with(IntakeField.VERSION, null);
        IntakeReport firstReport = deskModules.evaluate(first);
        assertThat(firstReport.missing()).containsExactly(IntakeField.SEVERITY, IntakeField.SERVER_URL,
                IntakeField.VERSION);

        IntakeDraft reply = IntakeDraft.empty()
                .with(IntakeField.SEVERITY, "critique")
                .with(IntakeField.SERVER_URL, "https://server.example.com/")
                .with(IntakeField.VERSION, "VSA 9.5");
        IntakeReport merged = deskModules.evaluate(firstReport.accepted(), reply);

        assertThat(merged.complete()).isTrue();
        assertThat(merged.problems()).isEmpty();
        assertThat(merged.accepted().subject()).isEqualTo("Agents offline");
        assertThat(merged.accepted().module()).contains("Agent");
        assertThat(merged.accepted().severity()).contains(Severity.S1);
        assertThat(merged.accepted().serverUrl()).contains("https://server.example.com/");
        assertThat(merged.accepted().version()).contains("VSA 9.5");
    }

    @Test
    @DisplayName("R5: a later reply that supplies some fields still lists exactly the rest")
    void laterReplyPartlyCompletes() {
        IntakeReport firstReport = anyModule.evaluate(IntakeDraft.empty().with(IntakeField.SUBJECT, "Agents offline"));

        IntakeReport merged = anyModule.evaluate(firstReport.accepted(), IntakeDraft.empty()
                .with(IntakeField.DESCRIPTION, "All agents offline.")
                .with(IntakeField.SEVERITY, "5"));

        assertThat(merged.missing()).containsExactly(IntakeField.SEVERITY, IntakeField.SERVER_URL, IntakeField.MODULE,
                IntakeField.STEPS_TO_REPRODUCE, IntakeField.AFFECTED_DEVICES, IntakeField.VERSION);
        assertThat(merged.accepted().subject()).isEqualTo("Agents offline");
        assertThat(merged.accepted().description()).isEqualTo("All agents offline.");
        assertThat(merged.problems()).filteredOn(p -> p.field().equals("SEVERITY")).singleElement()
                .extracting(Problem::code).isEqualTo(ProblemCode.INVALID);
    }

    @Test
    @DisplayName("R5: a later reply changes a field it gives again; fields it leaves out are kept")
    void laterReplyOverrides() {
        TicketFields existing = deskModules.evaluate(complete()).accepted();

        IntakeReport merged = deskModules.evaluate(existing, IntakeDraft.empty().with(IntakeField.SEVERITY, "S1"));

        assertThat(merged.complete()).isTrue();
        assertThat(merged.accepted().severity()).contains(Severity.S1);
        assertThat(merged.accepted()).isEqualTo(existing.withSeverity(Severity.S1));
    }
}

package io.guichet.core.desk;

import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Language;
import io.guichet.core.audit.AuditEvent;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.ticket.Actor;
import io.guichet.core.version.SupportWindow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static io.guichet.core.testing.DeskFixture.email;
import static org.assertj.core.api.Assertions.assertThat;

class DirectoryDeskTest {

    private static final Actor.Staff MARIE = Actor.Staff.discord("42", "marie");
    private final DeskFixture desk = new DeskFixture();
    private final DirectoryDesk directory = desk.directory;

    @Test
    @DisplayName("R10: certifying without a day runs one certification period from today, re-ranks and is audited")
    void certifyDefault() {
        DirectoryOutcome outcome = directory.certify(MARIE, email("bob@acme.example"), Optional.empty());

        assertThat(outcome).isInstanceOf(DirectoryOutcome.Done.class);
        assertThat(directory.activeContact(email("bob@acme.example")).orElseThrow().certifiedUntil())
                .contains(LocalDate.parse("2027-03-01"));
        assertThat(desk.audit.all()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AuditKind.CERTIFIED);
            assertThat(e.subject()).isEqualTo("bob@acme.example");
            assertThat(e.actor()).isEqualTo(MARIE);
            assertThat(e.detail()).isEqualTo("through 2027-03-01");
        });
    }

    @Test
    @DisplayName("R11: an account designates always-available contacts, audited; withdrawing it is audited too; an unknown address is refused")
    void alwaysAvailable() {
        DirectoryOutcome on = directory.setAlwaysAvailable(MARIE, email("bob@acme.example"), true);
        assertThat(on).isInstanceOfSatisfying(DirectoryOutcome.Done.class,
                d -> assertThat(d.summary()).contains("always-available", "R11"));
        assertThat(directory.alwaysAvailable("Acme").orElseThrow()).extracting(c -> c.email().value())
                .containsExactly("bob@acme.example");

        directory.setAlwaysAvailable(MARIE, email("bob@acme.example"), false);
        DirectoryOutcome unknown = directory.setAlwaysAvailable(MARIE, email("nobody@acme.example"), true);

        assertThat(directory.alwaysAvailable("Acme").orElseThrow()).isEmpty();
        assertThat(unknown).isInstanceOf(DirectoryOutcome.Refused.class);
        assertThat(desk.audit.all()).extracting(AuditEvent::kind, AuditEvent::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuditKind.AVAILABILITY_CHANGED, "always available"),
                org.assertj.core.groups.Tuple.tuple(AuditKind.AVAILABILITY_CHANGED, "no longer always available"));
    }

    @Test
    @DisplayName("R10: a certification ending in the past is refused; nothing changes, nothing is audited")
    void certifyPastRefused() {
        DirectoryOutcome outcome = directory.certify(MARIE, email("bob@acme.example"),
                Optional.of(LocalDate.parse("2026-03-01")));

        assertThat(outcome).isInstanceOfSatisfying(DirectoryOutcome.Refused.class, r -> assertThat(r.problems())
                .singleElement().satisfies(p -> assertThat(p.detail()).contains("cannot end in the past (2026-03-01)")
                        .contains("YYYY-MM-DD")));
        assertThat(directory.activeContact(email("bob@acme.example")).orElseThrow().certifiedUntil()).isEmpty();
        assertThat(desk.audit.all()).isEmpty();
    }

    @Test
    @DisplayName("R10: a certification ending more than one certification period ahead is refused, on adding a contact too; nothing is audited")
    void certifyBeyondPeriodRefused() {
        DirectoryOutcome outcome = directory.certify(MARIE, email("bob@acme.example"),
                Optional.of(LocalDate.parse("2027-03-02")));
        DirectoryOutcome added = directory.addContact(MARIE, new DirectoryDesk.NewContact("Acme", "Paul",
                email("paul@acme.example"), "+33 1", Language.EN, Optional.empty(), Optional.of(LocalDate.parse("2028-01-01"))));

        assertThat(outcome).isInstanceOfSatisfying(DirectoryOutcome.Refused.class, r -> assertThat(r.problems())
                .singleElement().satisfies(p -> assertThat(p.detail()).contains("renewed every P1Y (R10)")
                        .contains("cannot end after 2027-03-01 (2027-03-02 given)")));
        assertThat(added).isInstanceOf(DirectoryOutcome.Refused.class);
        assertThat(directory.certify(MARIE, email("bob@acme.example"), Optional.of(LocalDate.parse("2027-03-01"))))
                .isInstanceOf(DirectoryOutcome.Done.class);
        assertThat(desk.audit.all()).extracting(AuditEvent::kind).containsExactly(AuditKind.CERTIFIED);
    }

    @Test
    @DisplayName("R10: withdrawing a certification is audited with what it was")
    void withdraw() {
        directory.withdrawCertification(MARIE, email("alice@acme.example"));

        assertThat(directory.activeContact(email("alice@acme.example")).orElseThrow().certifiedUntil()).isEmpty();
        assertThat(desk.audit.all()).extracting(AuditEvent::kind, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditKind.CERTIFICATION_WITHDRAWN, "was through 2026-12-31"));
    }

    @Test
    @DisplayName("R1: an unknown account is refused naming the accounts there are")
    void unknownAccount() {
        DirectoryOutcome outcome = directory.setCoverage(MARIE, "Initech", Optional.of(LocalDate.parse("2027-01-01")));

        assertThat(outcome).isInstanceOfSatisfying(DirectoryOutcome.Refused.class, r -> assertThat(r.problems())
                .singleElement().satisfies(p -> assertThat(p.detail())
                        .isEqualTo("There is no account named 'Initech'. Accounts: Acme, Globex.")));
        assertThat(desk.audit.all()).isEmpty();
    }

    @Test
    @DisplayName("R1, R10: an account and a contact added are audited; a second contact with the same address is refused")
    void addAccountAndContact() {
        directory.addAccount(MARIE, "Initech", Optional.empty(), new AccountManager("Hank", "hank@vendor.example"));
        DirectoryDesk.NewContact peter = new DirectoryDesk.NewContact("Initech", "Peter", email("peter@initech.example"),
                "", Language.EN, Optional.empty(), Optional.empty());

        assertThat(directory.addContact(MARIE, peter)).isInstanceOf(DirectoryOutcome.Done.class);
        assertThat(directory.addContact(MARIE, peter)).isInstanceOf(DirectoryOutcome.Refused.class);
        assertThat(desk.audit.all()).extracting(AuditEvent::kind)
                .containsExactly(AuditKind.ACCOUNT_ADDED, AuditKind.CONTACT_ADDED);
    }

    @Test
    @DisplayName("R20: a version is written in its canonical form; a bad one is refused with the form accepted")
    void versions() {
        assertThat(directory.addVersion(MARIE, new DirectoryDesk.NewVersion("VSA", "v10.0", LocalDate.parse("2026-01-10"),
                true, Optional.empty()))).isInstanceOf(DirectoryOutcome.Done.class);
        assertThat(directory.addVersion(MARIE, new DirectoryDesk.NewVersion("VSA", "ten", LocalDate.parse("2026-01-10"),
                true, Optional.empty()))).isInstanceOfSatisfying(DirectoryOutcome.Refused.class, r ->
                assertThat(r.problems().getFirst().detail()).contains("'ten' is not a version number").contains("9.5"));

        assertThat(directory.versions(Optional.of("vsa"))).singleElement().satisfies(v -> {
            assertThat(v.version().version()).isEqualTo("10.0");
            assertThat(v.verdict()).isInstanceOf(SupportWindow.Verdict.Supported.class);
        });
        assertThat(desk.audit.about("version VSA 10.0")).hasSize(1);
    }
}

package io.guichet.mail.outbound;

import io.guichet.mail.headers.SubjectTag;
import io.guichet.core.Problem;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.desk.Recipient;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.guichet.core.ticket.TicketFixtures.aTicket;
import static org.assertj.core.api.Assertions.assertThat;

class NoticeRendererTest {

    private static final NoticeRenderer RENDERER = new NoticeRenderer(new MailTemplates(),
            new SubjectTag(SubjectTag.DEFAULT_FORMAT), Duration.ofDays(7));
    private static final AccountManager MANAGER = new AccountManager("Marie Curie", "marie@vendor.example");

    /** One notice of every kind, in both languages. */
    static Stream<Arguments> everyNotice() {
        return Stream.of(Language.values()).flatMap(language -> notices(language, Duration.ofHours(4)).stream()
                .map(n -> Arguments.of(language, n.getClass().getSimpleName(), n)));
    }

    /** One notice of every kind in {@code language}; the severity-1 downgrade waited {@code waited}. */
    static List<CustomerNotice> notices(Language language, Duration waited) {
        Ticket ticket = aTicket().number(1042).severity(Severity.S2).status(TicketStatus.OPEN).build();
        {
            Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);
            List<CustomerNotice> notices = List.of(
                    new CustomerNotice.Acknowledged(to, ticket, List.of(IntakeField.MODULE, IntakeField.VERSION),
                            List.of(Problem.invalid("SEVERITY", "Severity 'urgentt' is not one of 1, 2, 3 or 4.")),
                            Optional.empty(), Optional.of(new TicketNumber(1000))),
                    new CustomerNotice.StillMissing(to, ticket, List.of(IntakeField.SERVER_URL), List.of()),
                    new CustomerNotice.IntakeComplete(to, ticket),
                    new CustomerNotice.Reopened(to, ticket),
                    new CustomerNotice.AttachmentsLost(to, ticket, List.of("scan.pdf: could not be decoded: bad base64")),
                    new CustomerNotice.UnknownSender(to),
                    new CustomerNotice.NotCovered(to, "Acme", MANAGER),
                    new CustomerNotice.NotCovered(to, "Acme", MANAGER, Optional.of("Traverse"), Optional.empty()),
                    new CustomerNotice.NotCovered(to, "Acme", MANAGER, Optional.of("Traverse"), Optional.of(ticket)),
                    new CustomerNotice.NoAccess(to, new TicketNumber(1042)),
                    new CustomerNotice.StaffReply(to, ticket, "tess", "Please restart the agent.", true),
                    new CustomerNotice.Resolved(to, ticket, ResolutionReason.FEATURE_REQUEST, "", MANAGER,
                            new io.guichet.core.ticket.Actor.Staff("tess", "tess")),
                    new CustomerNotice.Escalated(to, ticket),
                    new CustomerNotice.SeverityChanged(to, ticket, Severity.S2, Severity.S3, "diagnostics not followed"),
                    new CustomerNotice.UpdateFrequencyLowered(to, ticket, Duration.ofHours(8), Duration.ofHours(40),
                            "Contact away."),
                    new CustomerNotice.ServerAccessed(to, ticket, "tess", Instant.parse("2026-03-02T09:15:00Z"), "RDP"),
                    new CustomerNotice.OnHold(to, ticket, "Add RAM."),
                    new CustomerNotice.Reminder(to, ticket, 1, Instant.parse("2026-03-09T09:00:00Z"), false),
                    new CustomerNotice.Closed(to, ticket),
                    new CustomerNotice.AutomaticDowngrade(to, ticket, Severity.S1, Severity.S2, waited),
                    new CustomerNotice.AutomaticDowngrade(to, ticket, Severity.S1, Severity.S2, waited.multipliedBy(2),
                            List.of("Carol Martin")),
                    new CustomerNotice.AvailabilityRequest(to, ticket, Instant.parse("2026-03-02T13:15:00Z")),
                    new CustomerNotice.PageLinkAndAccessLog(to, ticket, List.of(new io.guichet.core.desk.CustomerPages
                            .ServerAccess(Instant.parse("2026-03-02T09:15:00Z"), "tess", "RDP"))),
                    new CustomerNotice.CertificationExpiring(to, LocalDate.parse("2026-04-01")),
                    new CustomerNotice.EndOfSupport(to, "VSA", "9.5", LocalDate.parse("2027-01-10"), Optional.of("10.0")));
            return notices;
        }
    }

    /** An ISO-8601 duration or period (PT25S, P7D, P1Y2M), or an ISO instant (2026-03-02T09:15:00Z). */
    private static final java.util.regex.Pattern ISO_TIME = java.util.regex.Pattern.compile(
            "\\bP(\\d+[YMWD])+(T(\\d+(\\.\\d+)?[HMS])+)?\\b|\\bPT(\\d+(\\.\\d+)?[HMS])+\\b|\\d{4}-\\d{2}-\\d{2}T\\d{2}");

    @org.junit.jupiter.api.Test
    @DisplayName("R5, R11, R12a, R13: the notice list above holds every kind of customer notice")
    void everyKindListed() {
        assertThat(notices(Language.EN, Duration.ofHours(4)).stream().<Class<?>>map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(CustomerNotice.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R5, R11, R12a, R13: no customer mail of any kind shows a duration, period or moment in ISO-8601 form, even with spans shrunk to seconds")
    void noIsoTimes(Language language) {
        NoticeRenderer shrunk = new NoticeRenderer(new MailTemplates(), new SubjectTag(SubjectTag.DEFAULT_FORMAT),
                Duration.ofSeconds(25));
        for (Duration waited : List.of(Duration.ofSeconds(25), Duration.ofMinutes(150), Duration.ofDays(7))) {
            for (CustomerNotice notice : notices(language, waited)) {
                RenderedMail mail = shrunk.render(notice);
                assertThat(ISO_TIME.matcher(mail.subject() + "\n" + mail.body()).find())
                        .as("%s %s mail: %s", language, notice.getClass().getSimpleName(), mail.body()).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R1: a request about a product not covered is declined naming the product, the account and the account manager; a declined ticket's answer carries its tag")
    void productNotCovered(Language language) {
        boolean fr = language == Language.FR;
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);
        Ticket ticket = aTicket().number(1042).severity(Severity.S3).status(TicketStatus.RESOLVED).build();

        RenderedMail atIntake = RENDERER.render(new CustomerNotice.NotCovered(to, "Acme", MANAGER,
                Optional.of("Traverse"), Optional.empty()));
        RenderedMail declined = RENDERER.render(new CustomerNotice.NotCovered(to, "Acme", MANAGER,
                Optional.of("Traverse"), Optional.of(ticket)));
        RenderedMail account = RENDERER.render(new CustomerNotice.NotCovered(to, "Acme", MANAGER));

        assertThat(atIntake.body()).contains("Traverse", "Acme", "Marie Curie", "marie@vendor.example",
                fr ? "n'inclut pas Traverse" : "does not include Traverse");
        assertThat(atIntake.subject()).doesNotContain("1042");
        assertThat(declined.subject()).contains("1042");
        assertThat(declined.body()).contains("Traverse", "1042", "Marie Curie", fr ? "refusé" : "declined");
        assertThat(account.body()).doesNotContain("Traverse").contains("Marie Curie");
        assertThat(atIntake.automatic()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R21, R3: each exclusion has its own explanation with the rule id and redirects to the consulting services through the account manager, or by reply when there is none")
    void exclusions(Language language) {
        boolean fr = language == Language.FR;
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);
        Ticket ticket = aTicket().number(1042).severity(Severity.S3).status(TicketStatus.RESOLVED).build();
        java.util.Set<String> explanations = new java.util.HashSet<>();
        for (ResolutionReason reason : ResolutionReason.values()) {
            if (!reason.exclusion()) {
                continue;
            }
            String body = RENDERER.render(new CustomerNotice.Resolved(to, ticket, reason, "", MANAGER,
                    new io.guichet.core.ticket.Actor.Staff("tess", "tess"))).body();
            String orphan = RENDERER.render(new CustomerNotice.Resolved(to, ticket, reason, "",
                    new AccountManager("", ""), new io.guichet.core.ticket.Actor.Staff("tess", "tess"))).body();

            assertThat(body).contains("(exclusion " + reason.rule() + ")")
                    .contains(fr ? "services de conseil" : "consulting services").contains("Marie Curie");
            assertThat(orphan).contains(fr ? "répondez à ce message" : "reply to this mail").doesNotContain(", ,");
            explanations.add(body.lines().filter(l -> l.contains("exclusion R21")).findFirst().orElseThrow());
        }
        assertThat(explanations).as("seven distinct explanations").hasSize(7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R11: an always-available contact is asked to answer with the time the ticket is lowered; the downgrade names the contacts asked too")
    void availableContacts(Language language) {
        boolean fr = language == Language.FR;
        Recipient to = new Recipient(EmailAddress.parse("carol@acme.example").orElseThrow(), "Carol", language);
        Ticket ticket = aTicket().number(1042).severity(Severity.S1).status(TicketStatus.WAITING_ON_CUSTOMER).build();

        String asked = RENDERER.render(new CustomerNotice.AvailabilityRequest(to, ticket,
                Instant.parse("2026-03-02T13:15:00Z"))).body();
        String lowered = RENDERER.render(new CustomerNotice.AutomaticDowngrade(to, ticket, Severity.S1, Severity.S2,
                Duration.ofHours(8), List.of("Carol Martin", "Dan Roy"))).body();
        String alone = RENDERER.render(new CustomerNotice.AutomaticDowngrade(to, ticket, Severity.S1, Severity.S2,
                Duration.ofHours(4))).body();

        assertThat(asked).contains("#1042").contains(fr ? "2 mars 2026 à 13:15 UTC" : "2 March 2026 at 13:15 UTC")
                .contains(fr ? "répondre à ce message" : "replying to this mail");
        assertThat(lowered).contains(fr ? "8 heures" : "8 hours").contains("(Carol Martin, Dan Roy)");
        assertThat(alone).doesNotContain(fr ? "aussi sollicité" : "also asked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R17: a lowered update frequency is told to the customer: the new and the former interval in words, the severity kept, the reason")
    void updateFrequencyLowered(Language language) {
        boolean fr = language == Language.FR;
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);
        Ticket ticket = aTicket().number(1042).severity(Severity.S2).status(TicketStatus.IN_PROGRESS).build();

        RenderedMail mail = RENDERER.render(new CustomerNotice.UpdateFrequencyLowered(to, ticket, Duration.ofHours(8),
                Duration.ofDays(2).plusHours(4), "Contact away until Monday."));

        assertThat(mail.subject()).contains("#1042");
        assertThat(mail.body()).contains(fr ? "tous les 2 jours 4 heures" : "every 2 days 4 hours")
                .contains(fr ? "au lieu de tous les 8 heures" : "instead of every 8 hours")
                .contains(fr ? "Sa gravité reste 2" : "Its severity stays 2")
                .contains("Contact away until Monday.")
                .doesNotContain("PT").doesNotContain("{");
        assertThat(mail.automatic()).as("a technician's act, not an automatic notice").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R11, R13: spans read as people write them, in the mail's language: 25 seconds, 2 hours 30 minutes, 7 days")
    void spansAsWritten(Language language) {
        boolean fr = language == Language.FR;
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);
        Ticket ticket = aTicket().number(1042).severity(Severity.S2).status(TicketStatus.OPEN).build();
        NoticeRenderer shrunk = new NoticeRenderer(new MailTemplates(), new SubjectTag(SubjectTag.DEFAULT_FORMAT),
                Duration.ofSeconds(25));

        String resolved = shrunk.render(new CustomerNotice.Resolved(to, ticket, ResolutionReason.WORKS_AS_DOCUMENTED, "",
                MANAGER, new io.guichet.core.ticket.Actor.Staff("tess", "tess"))).body();
        String downgraded = RENDERER.render(new CustomerNotice.AutomaticDowngrade(to, ticket, Severity.S1, Severity.S2,
                Duration.ofMinutes(150))).body();
        String week = RENDERER.render(new CustomerNotice.AutomaticDowngrade(to, ticket, Severity.S1, Severity.S2,
                Duration.ofDays(7))).body();
        String reminder = RENDERER.render(new CustomerNotice.Reminder(to, ticket, 1,
                Instant.parse("2026-03-09T09:00:00Z"), false)).body();
        String certification = RENDERER.render(new CustomerNotice.CertificationExpiring(to,
                LocalDate.parse("2026-04-01"))).body();

        assertThat(resolved).contains(fr ? "25 secondes" : "25 seconds");
        assertThat(downgraded).contains(fr ? "2 heures 30 minutes" : "2 hours 30 minutes");
        assertThat(week).contains(fr ? "7 jours" : "7 days");
        assertThat(reminder).contains(fr ? "9 mars 2026 à 09:00 UTC" : "9 March 2026 at 09:00 UTC");
        assertThat(certification).contains(fr ? "1 avril 2026" : "1 April 2026");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyNotice")
    @DisplayName("R2: every notice renders in French and English, tagged when about a ticket, with no placeholder left")
    void rendersCompletely(Language language, String kind, CustomerNotice notice) {
        RenderedMail mail = RENDERER.render(notice);

        assertThat(mail.subject()).isNotBlank().doesNotContain("{", "}");
        assertThat(mail.body()).isNotBlank().doesNotContain("{", "}").contains("Bob");
        if (notice.ticket().isPresent()) {
            assertThat(mail.subject()).startsWith("[Ticket#1042]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R2: the customer is told which attachments could not be read, and why, in their language")
    void attachmentsLost(Language language) {
        Ticket ticket = aTicket().number(1042).severity(Severity.S2).build();
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);

        String body = RENDERER.render(new CustomerNotice.AttachmentsLost(to, ticket, List.of(
                "agent.log: could not be decoded: bad uuencode", "scan.pdf: could not be decoded: bad base64"))).body();

        assertThat(body).contains("#1042").contains("- agent.log: could not be decoded: bad uuencode\n"
                + "- scan.pdf: could not be decoded: bad base64");
        assertThat(body).contains(language == Language.FR ? "nous n'avons pas pu lire" : "we could not read");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R5, R19, R18: the acknowledgement lists what is missing with a fill-in template, asks for one ticket per problem and says how to ask for escalation")
    void acknowledgement(Language language) {
        Ticket ticket = aTicket().number(1042).severity(Severity.S2).build();
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);

        String body = RENDERER.render(new CustomerNotice.Acknowledged(to, ticket, List.of(IntakeField.STEPS_TO_REPRODUCE),
                List.of(), Optional.empty(), Optional.empty())).body();

        assertThat(body).contains("#1042");
        if (language == Language.FR) {
            assertThat(body).contains("- Étapes pour reproduire :").contains("Un dossier par problème distinct")
                    .as("R18: how to ask for escalation").contains("« Escalade »").contains("parler à un responsable");
        } else {
            assertThat(body).contains("- Steps to reproduce:").contains("One ticket per distinct problem")
                    .as("R18: how to ask for escalation").contains("\"Escalate\"").contains("speak to a manager");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R12e, R12f: a feature request points to the knowledge base; out of scope names the account manager")
    void resolutionExplanations(Language language) {
        Ticket ticket = aTicket().number(1042).severity(Severity.S3).build();
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);

        io.guichet.core.ticket.Actor tess = new io.guichet.core.ticket.Actor.Staff("tess", "tess");
        String feature = RENDERER.render(new CustomerNotice.Resolved(to, ticket, ResolutionReason.FEATURE_REQUEST, "",
                MANAGER, tess)).body();
        String scope = RENDERER.render(new CustomerNotice.Resolved(to, ticket, ResolutionReason.OUT_OF_SCOPE, "",
                MANAGER, tess)).body();

        assertThat(feature).containsIgnoringCase(language == Language.FR ? "base de connaissances" : "knowledge base");
        assertThat(scope).contains("Marie Curie <marie@vendor.example>");
        assertThat(feature).contains(language == Language.FR ? "7 jours" : "7 days");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @DisplayName("R12, R6: the ordinary resolution says a solution was given and names the root cause when recorded; diagnostics not followed says so")
    void solutionWithRootCause(Language language) {
        Ticket ticket = aTicket().number(1042).severity(Severity.S2).build();
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);
        io.guichet.core.ticket.Actor tess = new io.guichet.core.ticket.Actor.Staff("tess", "tess");

        String withCause = RENDERER.render(new CustomerNotice.Resolved(to, ticket, ResolutionReason.SOLUTION_PROVIDED,
                "", MANAGER, tess, Optional.of("A stale certificate on the relay."))).body();
        String withoutCause = RENDERER.render(new CustomerNotice.Resolved(to, ticket, ResolutionReason.SOLUTION_PROVIDED,
                "Restart the agent.", MANAGER, tess)).body();
        String diagnostics = RENDERER.render(new CustomerNotice.Resolved(to, ticket,
                ResolutionReason.DIAGNOSTICS_NOT_FOLLOWED, "", MANAGER, tess)).body();

        if (language == Language.FR) {
            assertThat(withCause).contains("Une solution ou un contournement a été trouvé")
                    .contains("\nCause du problème : A stale certificate on the relay.\n");
            assertThat(withoutCause).contains("Restart the agent.").doesNotContain("Cause du problème");
            assertThat(diagnostics).contains("étapes de diagnostic");
        } else {
            assertThat(withCause).contains("A solution or workaround was found")
                    .contains("\nRoot cause: A stale certificate on the relay.\n");
            assertThat(withoutCause).contains("Restart the agent.").doesNotContain("Root cause");
            assertThat(diagnostics).contains("diagnostic steps");
        }
        assertThat(withCause).doesNotContain("{", "}");
    }

    static Stream<Language> languages() {
        return Stream.of(Language.values());
    }
}

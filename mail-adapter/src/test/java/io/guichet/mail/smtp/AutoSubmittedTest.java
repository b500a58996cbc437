package io.guichet.mail.smtp;

import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.mail.MessageId;
import io.guichet.core.desk.Received;
import io.guichet.core.Problem;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.desk.Recipient;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.core.testing.InMemoryOutbox;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.mail.TransportSecurity;
import io.guichet.mail.outbound.AutoReplyLimits;
import io.guichet.mail.outbound.MailTemplates;
import io.guichet.mail.outbound.NoticeRenderer;
import io.guichet.mail.outbound.OutboxMessenger;
import io.guichet.mail.headers.SubjectTag;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static io.guichet.core.ticket.TicketFixtures.aTicket;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 3834: every mail nobody wrote is marked {@code Auto-Submitted}, so that autoresponders do not answer it, with the
 * right value: {@code auto-replied} for a mail in answer to a customer's mail, {@code auto-generated} for one a deadline,
 * a staff action or the calendar caused; a mail a technician wrote is not marked. Every kind of notice goes the whole way (rendered, queued in the outbox, composed as the
 * SMTP dispatcher sends it); a new kind of notice fails here until it is given a sample and a verdict.
 */
class AutoSubmittedTest {

    private static final AccountManager MANAGER = new AccountManager("Marie Curie", "marie@vendor.example");
    private static final Ticket TICKET = aTicket().number(1042).severity(Severity.S2).status(TicketStatus.OPEN).build();
    private static final Actor.Staff TESS = new Actor.Staff("tess", "tess");

    private static final String REPLIED = "auto-replied";
    private static final String GENERATED = "auto-generated";
    private static final String PERSON = null;
    private static final Optional<Received> CUSTOMER_MAIL = Optional.of(new Received(
            Optional.of(MessageId.of("request-1@acme.example")), new ThreadMessage(Optional.empty(),
            ThreadMessage.Direction.IN, MessageId.of("request-1@acme.example"), "Console down", "bob@acme.example",
            "It is down.", java.time.Instant.parse("2026-03-02T09:00:00Z"), List.of()), "c0ffee01"));

    /** A notice, the customer's mail it answers if any, and its Auto-Submitted value (null: a person wrote it). */
    private record Sample(CustomerNotice notice, Optional<Received> answering, String expected) {
    }

    /** Every kind of notice, with the Auto-Submitted value it must carry. */
    private static Map<Class<?>, List<Sample>> samples(Recipient to) {
        Map<Class<?>, List<Sample>> samples = new LinkedHashMap<>();
        add(samples, new CustomerNotice.Acknowledged(to, TICKET, List.of(IntakeField.MODULE),
                List.of(Problem.invalid("SEVERITY", "Severity 'urgentt' is not one of 1, 2, 3 or 4.")), Optional.empty(),
                Optional.empty()), CUSTOMER_MAIL, REPLIED);
        // answers to a customer's mail, also when that mail had no Message-ID to answer
        add(samples, new CustomerNotice.Acknowledged(to, TICKET, List.of(), List.of(), Optional.empty(),
                Optional.empty()), Optional.empty(), REPLIED);
        add(samples, new CustomerNotice.StillMissing(to, TICKET, List.of(IntakeField.SERVER_URL), List.of()),
                CUSTOMER_MAIL, REPLIED);
        add(samples, new CustomerNotice.IntakeComplete(to, TICKET), CUSTOMER_MAIL, REPLIED);
        add(samples, new CustomerNotice.Reopened(to, TICKET), CUSTOMER_MAIL, REPLIED);
        add(samples, new CustomerNotice.AttachmentsLost(to, TICKET, List.of("scan.pdf: could not be decoded: bad"
                + " base64")), CUSTOMER_MAIL, REPLIED);
        add(samples, new CustomerNotice.UnknownSender(to), CUSTOMER_MAIL, REPLIED);
        add(samples, new CustomerNotice.UnknownSender(to), Optional.empty(), REPLIED);
        add(samples, new CustomerNotice.NotCovered(to, "Acme", MANAGER), CUSTOMER_MAIL, REPLIED);
        add(samples, new CustomerNotice.NoAccess(to, new TicketNumber(1042)), CUSTOMER_MAIL, REPLIED);
        add(samples, new CustomerNotice.StaffReply(to, TICKET, "tess", "Please restart the agent.", true),
                Optional.empty(), PERSON);
        add(samples, new CustomerNotice.Resolved(to, TICKET, ResolutionReason.FIXED_BY_UPDATE, "Install 9.5.0.13.",
                MANAGER, TESS), Optional.empty(), PERSON);
        add(samples, new CustomerNotice.Resolved(to, TICKET, ResolutionReason.NO_RESPONSE, "", MANAGER, Actor.SYSTEM),
                Optional.empty(), GENERATED);
        // escalated by the customer's mail (a reply to it), or by a deadline or a technician (nobody's mail)
        add(samples, new CustomerNotice.Escalated(to, TICKET), CUSTOMER_MAIL, REPLIED);
        add(samples, new CustomerNotice.Escalated(to, TICKET), Optional.empty(), GENERATED);
        add(samples, new CustomerNotice.SeverityChanged(to, TICKET, Severity.S2, Severity.S3, "diagnostics not followed"),
                Optional.empty(), PERSON);
        add(samples, new CustomerNotice.UpdateFrequencyLowered(to, TICKET, Duration.ofHours(8), Duration.ofHours(40),
                "Contact away."), Optional.empty(), PERSON);
        add(samples, new CustomerNotice.ServerAccessed(to, TICKET, "tess", Instant.parse("2026-03-02T09:15:00Z"), "RDP"),
                Optional.empty(), GENERATED);
        add(samples, new CustomerNotice.PageLinkAndAccessLog(to, TICKET, List.of(new io.guichet.core.desk.CustomerPages
                .ServerAccess(Instant.parse("2026-03-02T09:15:00Z"), "tess", "RDP"))), CUSTOMER_MAIL, REPLIED);
        add(samples, new CustomerNotice.OnHold(to, TICKET, "Add RAM."), Optional.empty(), PERSON);
        add(samples, new CustomerNotice.Reminder(to, TICKET, 1, Instant.parse("2026-03-09T09:00:00Z"), false),
                Optional.empty(), GENERATED);
        add(samples, new CustomerNotice.Closed(to, TICKET), Optional.empty(), GENERATED);
        add(samples, new CustomerNotice.AutomaticDowngrade(to, TICKET, Severity.S1, Severity.S2, Duration.ofHours(4)),
                Optional.empty(), GENERATED);
        add(samples, new CustomerNotice.AvailabilityRequest(to, TICKET, Instant.parse("2026-03-02T13:15:00Z")),
                Optional.empty(), GENERATED);
        add(samples, new CustomerNotice.CertificationExpiring(to, LocalDate.parse("2026-04-01")), Optional.empty(),
                GENERATED);
        add(samples, new CustomerNotice.EndOfSupport(to, "VSA", "9.5", LocalDate.parse("2027-01-10"), Optional.of("10.0")),
                Optional.empty(), GENERATED);
        return samples;
    }

    private static void add(Map<Class<?>, List<Sample>> samples, CustomerNotice notice, Optional<Received> answering,
                            String expected) {
        samples.computeIfAbsent(notice.getClass(), k -> new java.util.ArrayList<>())
                .add(new Sample(notice, answering, expected));
    }

    @Test
    @DisplayName("R2: every kind of notice has a sample here (a new kind must be given one)")
    void everyKindIsCovered() {
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", Language.EN);

        assertThat(samples(to).keySet()).containsExactlyInAnyOrder(CustomerNotice.class.getPermittedSubclasses());
    }

    @Test
    @DisplayName("R2: every notice is sent with the right Auto-Submitted: auto-replied in answer to a customer's mail, auto-generated from a deadline, a staff action or the calendar, none when a technician wrote it")
    void everyAutomaticMailIsMarked() throws Exception {
        MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
        MimeComposer composer = new MimeComposer(SmtpSettings.defaults("smtp.guichet.example", 587,
                TransportSecurity.STARTTLS, io.guichet.mail.TlsTrust.system(), Optional.empty(),
                EmailAddress.parse("support@guichet.example").orElseThrow(), "Support"), clock);
        Session session = Session.getInstance(new Properties());
        for (Language language : Language.values()) {
            Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", language);
            for (Sample sample : samples(to).values().stream().flatMap(List::stream).toList()) {
                InMemoryOutbox outbox = new InMemoryOutbox();
                new OutboxMessenger(new NoticeRenderer(new MailTemplates(), new SubjectTag(SubjectTag.DEFAULT_FORMAT),
                        Duration.ofDays(7)), new InMemoryMailJournal(), outbox, AutoReplyLimits.defaults(),
                        "guichet.example", clock).tellAll(List.of(sample.notice()), sample.answering());
                List<OutgoingMail> queued = outbox.claimDue(clock.instant().plusSeconds(1), 10, Duration.ofMinutes(1));
                String kind = language + " " + sample.notice().getClass().getSimpleName()
                        + (sample.notice() instanceof CustomerNotice.Resolved r ? " by " + r.by().label() : "")
                        + sample.answering().map(r -> " answering " + r.answering().map(MessageId::inBrackets).orElse("?")).orElse("");
                assertThat(queued).as(kind).hasSize(1);

                MimeMessage sent = composer.compose(session, queued.getFirst());

                String[] header = sent.getHeader("Auto-Submitted");
                if (sample.expected() != null) {
                    assertThat(header).as(kind + " is marked").containsExactly(sample.expected());
                    assertThat(sent.getHeader("X-Auto-Response-Suppress")).as(kind).containsExactly("All");
                } else {
                    assertThat(header).as(kind + " was written by a person").isNull();
                }
            }
        }
    }
}

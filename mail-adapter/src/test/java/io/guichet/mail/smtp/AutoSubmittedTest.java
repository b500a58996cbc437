package io.guichet.mail.smtp;

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
 * RFC 3834: every mail nobody wrote is marked {@code Auto-Submitted}, so that autoresponders do not answer it; a mail
 * a technician wrote is not. Every kind of notice goes the whole way (rendered, queued in the outbox, composed as the
 * SMTP dispatcher sends it); a new kind of notice fails here until it is given a sample and a verdict.
 */
class AutoSubmittedTest {

    private static final AccountManager MANAGER = new AccountManager("Marie Curie", "marie@vendor.example");
    private static final Ticket TICKET = aTicket().number(1042).severity(Severity.S2).status(TicketStatus.OPEN).build();
    private static final Actor.Staff TESS = new Actor.Staff("tess", "tess");

    private record Sample(CustomerNotice notice, boolean automatic) {
    }

    /** Every kind of notice, with whether a person wrote it (false) or nobody did (true). */
    private static Map<Class<?>, List<Sample>> samples(Recipient to) {
        Map<Class<?>, List<Sample>> samples = new LinkedHashMap<>();
        add(samples, new CustomerNotice.Acknowledged(to, TICKET, List.of(IntakeField.MODULE),
                List.of(Problem.invalid("SEVERITY", "Severity 'urgentt' is not one of 1, 2, 3 or 4.")), Optional.empty(),
                Optional.empty()), true);
        add(samples, new CustomerNotice.StillMissing(to, TICKET, List.of(IntakeField.SERVER_URL), List.of()), true);
        add(samples, new CustomerNotice.IntakeComplete(to, TICKET), true);
        add(samples, new CustomerNotice.Reopened(to, TICKET), true);
        add(samples, new CustomerNotice.UnknownSender(to), true);
        add(samples, new CustomerNotice.NotCovered(to, "Acme", MANAGER), true);
        add(samples, new CustomerNotice.NoAccess(to, new TicketNumber(1042)), true);
        add(samples, new CustomerNotice.StaffReply(to, TICKET, "tess", "Please restart the agent.", true), false);
        add(samples, new CustomerNotice.Resolved(to, TICKET, ResolutionReason.FIXED_BY_UPDATE, "Install 9.5.0.13.",
                MANAGER, TESS), false);
        add(samples, new CustomerNotice.Resolved(to, TICKET, ResolutionReason.NO_RESPONSE, "", MANAGER, Actor.SYSTEM),
                true);
        add(samples, new CustomerNotice.Escalated(to, TICKET), true);
        add(samples, new CustomerNotice.SeverityChanged(to, TICKET, Severity.S2, Severity.S3, "diagnostics not followed"),
                false);
        add(samples, new CustomerNotice.ServerAccessed(to, TICKET, "tess", Instant.parse("2026-03-02T09:15:00Z"), "RDP"),
                true);
        add(samples, new CustomerNotice.OnHold(to, TICKET, "Add RAM."), false);
        add(samples, new CustomerNotice.Reminder(to, TICKET, 1, Instant.parse("2026-03-09T09:00:00Z"), false), true);
        add(samples, new CustomerNotice.Closed(to, TICKET), true);
        add(samples, new CustomerNotice.AutomaticDowngrade(to, TICKET, Severity.S1, Severity.S2, Duration.ofHours(4)),
                true);
        add(samples, new CustomerNotice.CertificationExpiring(to, LocalDate.parse("2026-04-01")), true);
        add(samples, new CustomerNotice.EndOfSupport(to, "VSA", "9.5", LocalDate.parse("2027-01-10"), Optional.of("10.0")),
                true);
        return samples;
    }

    private static void add(Map<Class<?>, List<Sample>> samples, CustomerNotice notice, boolean automatic) {
        samples.computeIfAbsent(notice.getClass(), k -> new java.util.ArrayList<>()).add(new Sample(notice, automatic));
    }

    @Test
    @DisplayName("R2: every kind of notice has a sample here (a new kind must be given one)")
    void everyKindIsCovered() {
        Recipient to = new Recipient(EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", Language.EN);

        assertThat(samples(to).keySet()).containsExactlyInAnyOrder(CustomerNotice.class.getPermittedSubclasses());
    }

    @Test
    @DisplayName("R2: every automatic notice, the resolution by a deadline included, is sent with Auto-Submitted; what a technician wrote is not")
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
                        "guichet.example", clock).tell(sample.notice());
                List<OutgoingMail> queued = outbox.claimDue(clock.instant().plusSeconds(1), 10, Duration.ofMinutes(1));
                String kind = language + " " + sample.notice().getClass().getSimpleName()
                        + (sample.notice() instanceof CustomerNotice.Resolved r ? " by " + r.by().label() : "");
                assertThat(queued).as(kind).hasSize(1);

                MimeMessage sent = composer.compose(session, queued.getFirst());

                String[] header = sent.getHeader("Auto-Submitted");
                if (sample.automatic()) {
                    assertThat(header).as(kind + " is marked").containsExactly("auto-replied");
                    assertThat(sent.getHeader("X-Auto-Response-Suppress")).as(kind).containsExactly("All");
                } else {
                    assertThat(header).as(kind + " was written by a person").isNull();
                }
            }
        }
    }
}

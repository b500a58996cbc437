package io.guichet.mail;

import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.mail.inbound.MailHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class MailIntakeIT {

    private static final String COMPLETE_EN = """
            Hello,

            All agents went offline after last night's upgrade.

            Severity: 2
            Server URL: https://vsa.acme.example
            Module: Agent
            Steps to reproduce: upgrade to 9.5.0.12, open the console
            Affected devices: SN-1234 / dev-42
            Version: VSA 9.5.0.12

            Bob
            """;

    private MailChannel channel;
    private long uid;

    @BeforeEach
    void wire(Database database) {
        channel = new MailChannel(database);
    }

    @Test
    @DisplayName("R2, R4: a complete request opens a ticket and the answer, tagged with its number, waits in the outbox")
    void completeRequest() {
        MailHandler.Handled handled = deliver(mail("bob@acme.example", "Agents offline", "m1@acme.example", COMPLETE_EN));

        assertThat(handled).isInstanceOf(MailHandler.Handled.Processed.class);
        Ticket ticket = channel.tickets.find(new TicketNumber(1000)).orElseThrow();
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.fields().serverUrl()).contains("https://vsa.acme.example");
        assertThat(ticket.fields().description()).contains("All agents went offline");
        OutgoingMail ack = onlyOutgoing();
        assertThat(ack.subject()).isEqualTo("[Ticket#1000] Agents offline");
        assertThat(ack.body()).contains("#1000").contains("Severity understood: 2")
                .as("R19: one ticket per problem").contains("One ticket per distinct problem");
        assertThat(ack.to().value()).isEqualTo("bob@acme.example");
        assertThat(ack.inReplyTo()).contains(MessageId.of("m1@acme.example"));
        assertThat(ack.references()).contains(MessageId.of("m1@acme.example"));
        assertThat(ack.automatic()).isTrue();
        assertThat(ack.messageId().value()).endsWith("@" + MailChannel.DOMAIN);
    }

    @Test
    @DisplayName("R2: every request gets its number: 25 requests in a day from one contact get 25 acknowledgements, past the automatic-mail cap")
    void acknowledgementsAreNeverCapped() {
        for (int i = 1; i <= 25; i++) {
            deliver(mail("bob@acme.example", "Problem " + i, "busy" + i + "@acme.example", COMPLETE_EN));
            // more than the loop rule's 10 minutes apart: the same intake text sent again and again right after our
            // answers is what an autoresponder does (docs/decisions.md), not what this test is about
            channel.clock.advance(Duration.ofMinutes(11));
        }

        List<OutgoingMail> acks = pending();
        assertThat(acks).hasSize(25).allSatisfy(ack -> {
            assertThat(ack.to().value()).isEqualTo("bob@acme.example");
            assertThat(ack.automatic()).isTrue();
        });
        assertThat(acks).extracting(OutgoingMail::subject).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 25).mapToObj(i -> "[Ticket#" + (1000 + i) + "] Problem " + (i + 1)).toList());
        assertThat(acks).allSatisfy(ack -> assertThat(ack.body()).containsPattern("#10[0-2][0-9]"));
    }

    @Test
    @DisplayName("R2: past the cap the acknowledgement still goes out, while another automatic answer (fields still missing) does not")
    void capStillHoldsForOtherAutomaticMail() {
        channel.journal.recordAutoReplies(java.util.Collections.nCopies(20, MailChannel.email("alice@acme.example")),
                channel.clock.instant());

        deliver(mail("alice@acme.example", "Console lente", "c1@acme.example", "La console est lente.\n\nGravité : 3\n"));
        OutgoingMail ack = onlyOutgoing();
        assertThat(ack.body()).contains("dossier #1000");
        channel.outbox.markSent(ack.id(), channel.clock.instant());

        deliver(mail("alice@acme.example", "RE: [Ticket#1000] Console lente", "c2@acme.example", "Module : Console\n",
                "<" + ack.messageId() + ">"));

        assertThat(channel.tickets.find(new TicketNumber(1000)).orElseThrow().fields().module()).contains("Console");
        assertThat(pending()).as("the still-missing answer is capped").isEmpty();
    }

    @Test
    @DisplayName("R2: the same mail delivered twice (same Message-ID, another UID) opens one ticket and one answer")
    void duplicateMessageId() {
        String raw = mail("bob@acme.example", "Agents offline", "dup@acme.example", COMPLETE_EN);
        deliver(raw);
        MailHandler.Handled second = deliver(raw);

        assertThat(second).isEqualTo(new MailHandler.Handled.Processed("already handled"));
        assertThat(channel.tickets.find(new TicketNumber(1001))).isEmpty();
        assertThat(pending()).hasSize(1);
    }

    @Test
    @DisplayName("R2: a mail without Message-ID is recognised by its content when it comes again")
    void duplicateWithoutMessageId() {
        String raw = mail("bob@acme.example", "Agents offline", null, COMPLETE_EN);
        deliver(raw);
        deliver(raw);

        assertThat(channel.tickets.find(new TicketNumber(1001))).isEmpty();
        assertThat(pending()).hasSize(1);
    }

    @Test
    @DisplayName("R5: missing fields put the ticket on hold, the French answer lists them, and a reply completes it")
    void missingThenCompleted() {
        deliver(mail("alice@acme.example", "Console lente", "a1@acme.example", """
                Bonjour,

                La console met une minute à s'ouvrir depuis ce matin.

                Gravité : 3
                """));
        Ticket ticket = channel.tickets.find(new TicketNumber(1000)).orElseThrow();
        assertThat(ticket.status()).isEqualTo(TicketStatus.AWAITING_INFO);
        OutgoingMail ack = onlyOutgoing();
        assertThat(ack.body()).contains("dossier #1000").contains("- URL du serveur :").contains("- Module :")
                .contains("- Étapes pour reproduire :").doesNotContain("- Gravité :");

        channel.outbox.markSent(ack.id(), channel.clock.instant());
        deliver(mail("alice@acme.example", "RE: [Ticket#1000] Console lente", "a2@acme.example", """
                Voici les informations.

                URL du serveur : https://vsa.acme.example
                Module : Console
                Étapes pour reproduire : ouvrir la console
                Appareils concernés : SN-77
                Numéro de version : 9.5.0.12

                Le 2 mars 2026 à 09:00, Support <support@guichet.example> a écrit :
                > Votre demande est enregistrée
                """, "<" + ack.messageId() + ">"));

        Ticket completed = channel.tickets.find(ticket.id()).orElseThrow();
        assertThat(completed.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(completed.fields().module()).contains("Console");
        assertThat(completed.fields().description()).contains("La console met une minute");
        assertThat(onlyOutgoing().body()).contains("contient maintenant tout");
    }

    @Test
    @DisplayName("R2: the customer's mail is in the thread before our answer to it, recorded first at the same instant")
    void mailBeforeItsAnswer() {
        deliver(mail("bob@acme.example", "Agents offline", "t1@acme.example", COMPLETE_EN));
        OutgoingMail ack = onlyOutgoing();

        Ticket ticket = channel.tickets.find(new TicketNumber(1000)).orElseThrow();
        List<ThreadMessage> thread = channel.journal.thread(ticket.id());
        assertThat(thread).extracting(ThreadMessage::direction)
                .containsExactly(ThreadMessage.Direction.IN, ThreadMessage.Direction.OUT);
        assertThat(thread).extracting(ThreadMessage::messageId).containsExactly(MessageId.of("t1@acme.example"),
                ack.messageId());
        assertThat(thread.get(0).at()).as("one instant: only the order of recording tells them apart")
                .isEqualTo(thread.get(1).at());
        assertThat(channel.journal.threadIds(ticket.id())).containsExactly(MessageId.of("t1@acme.example"),
                ack.messageId());
    }

    @Test
    @DisplayName("R2: a reply naming no tag is threaded by In-Reply-To to the ticket of our answer")
    void threadedByInReplyTo() {
        deliver(mail("bob@acme.example", "Agents offline", "t1@acme.example", COMPLETE_EN));
        OutgoingMail ack = onlyOutgoing();
        channel.outbox.markSent(ack.id(), channel.clock.instant());

        deliver(mail("bob@acme.example", "Re: Agents offline", "t2@acme.example", "Logs attached.\n",
                "<" + ack.messageId() + ">"));

        Ticket ticket = channel.tickets.find(new TicketNumber(1000)).orElseThrow();
        assertThat(channel.tickets.events(ticket.id())).extracting(TicketEvent::kind).contains(EventKind.CUSTOMER_MESSAGE);
        assertThat(channel.tickets.find(new TicketNumber(1001))).isEmpty();
        assertThat(channel.journal.threadIds(ticket.id())).contains(MessageId.of("t1@acme.example"), ack.messageId(),
                MessageId.of("t2@acme.example"));
    }

    @Test
    @DisplayName("R1: a contact of an account whose coverage ended is told so, with the account manager, and gets no ticket")
    void coverageEnded() {
        channel.contacts.setCoverage(channel.acme.id(), Optional.of(java.time.LocalDate.parse("2026-03-01")));

        deliver(mail("bob@acme.example", "Agents offline", "c1@acme.example", COMPLETE_EN));

        assertThat(channel.tickets.find(new TicketNumber(1000))).isEmpty();
        assertThat(onlyOutgoing().body()).contains("not active").contains("Marie Curie");
        assertThat(channel.journal.dispositionAt(position(uid))).contains(Disposition.REJECTED);
    }

    @Test
    @DisplayName("R10: a contact of another account naming our ticket in the subject gets no access, and the ticket is untouched")
    void hijackAttempt() {
        deliver(mail("bob@acme.example", "Agents offline", "h1@acme.example", COMPLETE_EN));
        channel.outbox.markSent(onlyOutgoing().id(), channel.clock.instant());
        io.guichet.core.account.Account globex = channel.contacts.addAccount("Globex",
                Optional.of(java.time.LocalDate.parse("2027-01-01")),
                new io.guichet.core.account.AccountManager("Hank", "hank@vendor.example")).orElseThrow();
        channel.contacts.addContact(globex.id(), "Mallory", MailChannel.email("mallory@globex.example"), "",
                io.guichet.core.account.Language.EN, Optional.empty(), Optional.empty());

        deliver(mail("mallory@globex.example", "Re: [Ticket#1000] Agents offline", "h2@globex.example",
                "Escalate: close this ticket please\n"));

        Ticket ticket = channel.tickets.find(new TicketNumber(1000)).orElseThrow();
        assertThat(ticket.escalated()).isFalse();
        assertThat(channel.tickets.events(ticket.id())).extracting(TicketEvent::kind).doesNotContain(EventKind.CUSTOMER_MESSAGE);
        OutgoingMail refusal = onlyOutgoing();
        assertThat(refusal.to().value()).isEqualTo("mallory@globex.example");
        assertThat(refusal.body()).doesNotContain("Agents offline").contains("#1000");
        assertThat(channel.journal.threadIds(ticket.id())).doesNotContain(MessageId.of("h2@globex.example"));
    }

    @Test
    @DisplayName("R13: a reply within the reopen window reopens the resolved ticket and says so")
    void reopenWithinWindow() {
        deliver(mail("bob@acme.example", "Agents offline", "r1@acme.example", COMPLETE_EN));
        channel.outbox.markSent(onlyOutgoing().id(), channel.clock.instant());
        channel.staffDesk.handle(new io.guichet.core.desk.StaffCommand.Resolve(
                new io.guichet.core.ticket.Actor.Staff("tess", "tess"), new TicketNumber(1000),
                io.guichet.core.ticket.ResolutionReason.WORKS_AS_DOCUMENTED, "See the guide."));
        assertThat(onlyOutgoing().body()).contains("7 days");
        channel.outbox.claimDue(channel.clock.instant().plusSeconds(1), 100, Duration.ZERO)
                .forEach(m -> channel.outbox.markSent(m.id(), channel.clock.instant()));
        channel.clock.advance(Duration.ofDays(6));

        deliver(mail("bob@acme.example", "Re: [Ticket#1000] Agents offline", "r2@acme.example", "Not solved.\n"));

        assertThat(channel.tickets.find(new TicketNumber(1000)).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(onlyOutgoing().body()).contains("reopened");
        assertThat(channel.tickets.find(new TicketNumber(1001))).isEmpty();
    }

    @Test
    @DisplayName("R10: an unknown sender gets one polite answer per day and never a ticket")
    void unknownSenderRateLimited() {
        deliver(mail("stranger@other.example", "Help", "s1@other.example", "Our server is down.\n"));
        deliver(mail("stranger@other.example", "Help again", "s2@other.example", "Still down.\n"));

        assertThat(channel.tickets.find(new TicketNumber(1000))).isEmpty();
        assertThat(pending()).singleElement().satisfies(m -> {
            assertThat(m.to().value()).isEqualTo("stranger@other.example");
            assertThat(m.body()).contains("not an authorized contact");
        });
        assertThat(channel.journal.dispositionAt(position(uid))).contains(Disposition.REJECTED);
    }

    @Test
    @DisplayName("R10: a sender failing DMARC at our trusted server is not trusted and not answered")
    void failedAuthentication() {
        String raw = "Authentication-Results: mx.guichet.example; dmarc=fail header.from=acme.example\r\n"
                + mail("bob@acme.example", "Agents offline", "spoof@acme.example", COMPLETE_EN);
        deliver(raw);

        assertThat(channel.tickets.find(new TicketNumber(1000))).isEmpty();
        assertThat(pending()).isEmpty();
        assertThat(channel.journal.dispositionAt(position(uid))).contains(Disposition.REJECTED);
    }

    @Test
    @DisplayName("R10: a domain without DMARC (dmarc=none) and a pass for another domain is unverified, not refused: the contact gets a ticket")
    void unverifiedIsHandled() {
        String raw = "Authentication-Results: mx.guichet.example; dmarc=none header.from=acme.example;\r\n"
                + " spf=pass smtp.mailfrom=bounces.mailer.example; dkim=pass header.d=mailer.example\r\n"
                + mail("bob@acme.example", "Agents offline", "unverified@acme.example", COMPLETE_EN);
        deliver(raw);

        assertThat(channel.tickets.find(new TicketNumber(1000))).isPresent();
        assertThat(channel.journal.dispositionAt(position(uid))).contains(Disposition.OPENED);
    }

    @Test
    @DisplayName("R2: a subject hiding CR/LF and a bidi override is stored inert, and the answer's subject carries neither")
    void customerTextIsInert() {
        deliver(mail("bob@acme.example", "Agents offline\r\nBcc: evil@x.example\u202E now", "inert@acme.example",
                COMPLETE_EN.replace("Module: Agent", "Module: Agent\u0000\u2066")));

        Ticket ticket = channel.tickets.find(new TicketNumber(1000)).orElseThrow();
        assertThat(ticket.fields().subject()).isEqualTo("Agents offline Bcc: evil@x.example now");
        assertThat(ticket.fields().module()).contains("Agent");
        assertThat(onlyOutgoing().subject()).isEqualTo("[Ticket#1000] Agents offline Bcc: evil@x.example now")
                .doesNotContain("\r", "\n", "=?");
    }

    @Test
    @DisplayName("R2: one attachment that cannot be decoded does not stop the mail: the ticket opens, the attachment is recorded as unreadable, and the staff and the customer are told which one and why")
    void unreadableAttachment() {
        String raw = """
                From: bob@acme.example
                To: support@guichet.example
                Subject: Agents offline
                Message-ID: <broken-attachment@acme.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                All agents went offline.
                Severity: 2
                --b1
                Content-Type: application/octet-stream; name="agent.log"
                Content-Transfer-Encoding: x-uuencode

                begin 644 agent.log
                M@@@garbage!!!
                end
                --b1--
                """.replace("\n", "\r\n");

        assertThat(deliver(raw)).isInstanceOf(MailHandler.Handled.Processed.class);

        Ticket ticket = channel.tickets.find(new TicketNumber(1000)).orElseThrow();
        assertThat(ticket.fields().description()).contains("All agents went offline");
        assertThat(channel.journal.thread(ticket.id()).getFirst().attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("agent.log");
            assertThat(a.content()).isEmpty();
            assertThat(a.unreadable()).hasValueSatisfying(r -> assertThat(r).startsWith("could not be decoded"));
        });
        assertThat(channel.tickets.events(ticket.id())).filteredOn(e -> e.kind() == io.guichet.core.ticket.EventKind.NOTE)
                .as("the staff's view of the ticket names the lost attachment and why").singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("agent.log: could not be decoded"));
        List<OutgoingMail> answers = pending();
        assertThat(answers).as("the acknowledgement, and the attachment's loss told in answer to the mail").hasSize(2);
        assertThat(answers.get(1).subject()).startsWith("[Ticket#1000]");
        assertThat(answers.get(1).inReplyTo()).contains(io.guichet.core.mail.MessageId.of("broken-attachment@acme.example"));
        assertThat(answers.get(1).body()).contains("could not read the following attachment")
                .contains("- agent.log: could not be decoded");
        assertThat(answers.get(1).autoGenerated()).as("auto-replied: it answers the customer's mail").isFalse();
    }

    @Test
    @DisplayName("R10: headers from another authserv-id are ignored")
    void untrustedAuthenticationHeader() {
        String raw = "Authentication-Results: evil.example; dmarc=fail\r\n"
                + mail("bob@acme.example", "Agents offline", "other-auth@acme.example", COMPLETE_EN);
        deliver(raw);

        assertThat(channel.tickets.find(new TicketNumber(1000))).isPresent();
    }

    @Test
    @DisplayName("RFC 3834: an automatic reply is recorded and never answered")
    void autoReply() {
        deliver(fixture("vacation-auto-submitted.eml"));

        assertThat(pending()).isEmpty();
        assertThat(channel.journal.dispositionAt(position(uid))).contains(Disposition.AUTO_REPLY);
    }

    @Test
    @DisplayName("Loops: our own mail coming back is recorded and never answered")
    void ownMail() {
        deliver(mail(MailChannel.SUPPORT, "[Ticket#1000] Agents offline", "x@" + MailChannel.DOMAIN, "echo\n"));

        assertThat(pending()).isEmpty();
        assertThat(channel.journal.dispositionAt(position(uid))).contains(Disposition.LOOP);
    }

    @Test
    @DisplayName("RFC 3464: a bounce of our answer is recorded on its ticket, without answer")
    void bounce() {
        deliver(mail("bob@acme.example", "Agents offline", "b1@acme.example", COMPLETE_EN));
        OutgoingMail ack = onlyOutgoing();
        channel.outbox.markSent(ack.id(), channel.clock.instant());

        deliver(dsn(ack.messageId().value(), "bob@acme.example"));

        Ticket ticket = channel.tickets.find(new TicketNumber(1000)).orElseThrow();
        assertThat(channel.tickets.events(ticket.id())).filteredOn(e -> e.kind() == EventKind.BOUNCE).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("5.1.1"));
        assertThat(pending()).isEmpty();
    }

    @Test
    @DisplayName("R18: a first line asking for escalation escalates the ticket")
    void escalationKeyword() {
        deliver(mail("bob@acme.example", "Agents offline", "e1@acme.example", COMPLETE_EN));
        channel.outbox.markSent(onlyOutgoing().id(), channel.clock.instant());

        deliver(mail("bob@acme.example", "Re: [Ticket#1000] Agents offline", "e2@acme.example",
                "Escalade : cela bloque toute la production.\n"));

        assertThat(channel.tickets.find(new TicketNumber(1000)).orElseThrow().escalated()).isTrue();
        channel.deliverStaffNotices();
        assertThat(channel.staff.notices(io.guichet.core.desk.StaffNotice.Escalation.class)).singleElement()
                .satisfies(n -> assertThat(n.ticket().number()).isEqualTo(new TicketNumber(1000)));
    }

    @Test
    @DisplayName("R18: a new request asking for a manager, and one with ESCALADE in the subject, open escalated tickets; one about the manager module does not")
    void escalationAsCustomersWriteIt() {
        deliver(mail("bob@acme.example", "Agents offline", "x1@acme.example",
                COMPLETE_EN.replace("All agents went offline", "Can I speak to a manager? All agents went offline")));
        deliver(mail("alice@acme.example", "ESCALADE: serveur arrêté", "x2@acme.example", "Le serveur ne répond plus.\n"));
        deliver(mail("bob@acme.example", "Manager module crash", "x3@acme.example",
                COMPLETE_EN.replace("All agents went offline after last night's upgrade.", "The manager module crashes when I open it.")));

        assertThat(channel.tickets.find(new TicketNumber(1000)).orElseThrow().escalated()).isTrue();
        assertThat(channel.tickets.find(new TicketNumber(1001)).orElseThrow().escalated()).isTrue();
        assertThat(channel.tickets.find(new TicketNumber(1002)).orElseThrow().escalated()).isFalse();
        channel.deliverStaffNotices();
        assertThat(channel.staff.notices(io.guichet.core.desk.StaffNotice.Escalation.class)).hasSize(2);
    }

    @Test
    @DisplayName("R13, R2: a reply after the reopen window opens a new ticket and names both numbers, with one tag in its subject")
    void lateReplyOpensNewTicket() {
        deliver(mail("bob@acme.example", "Agents offline", "l1@acme.example", COMPLETE_EN));
        channel.outbox.markSent(onlyOutgoing().id(), channel.clock.instant());
        channel.staffDesk.handle(new io.guichet.core.desk.StaffCommand.Resolve(
                new io.guichet.core.ticket.Actor.Staff("tess", "tess"), new TicketNumber(1000),
                io.guichet.core.ticket.ResolutionReason.FIXED_BY_UPDATE, "Install 9.5.0.13."));
        channel.outbox.markSent(onlyOutgoing().id(), channel.clock.instant());
        channel.clock.advance(Duration.ofDays(8));

        deliver(mail("bob@acme.example", "Re: [Ticket#1000] Agents offline", "l2@acme.example", "It is back.\n"));

        Ticket next = channel.tickets.find(new TicketNumber(1001)).orElseThrow();
        assertThat(next.previousTicket()).contains(channel.tickets.find(new TicketNumber(1000)).orElseThrow().id());
        assertThat(onlyOutgoing().body()).contains("#1001").contains("#1000");
        assertThat(next.fields().subject()).isEqualTo("Agents offline");
        assertThat(onlyOutgoing().subject()).isEqualTo("[Ticket#1001] Agents offline");
    }

    @Test
    @DisplayName("R21: on PostgreSQL a request declined at intake for an exclusion is stored with it and mailed with the explanation and the redirection")
    void declinedForAnExclusion() {
        deliver(mail("bob@acme.example", "Our plug-in crashes the agent", "x1@acme.example", COMPLETE_EN));
        pending().forEach(m -> channel.outbox.markSent(m.id(), channel.clock.instant()));

        io.guichet.core.desk.StaffOutcome outcome = channel.staffDesk.handle(new io.guichet.core.desk.StaffCommand.Decline(
                new io.guichet.core.ticket.Actor.Staff("tess", "tess"), new TicketNumber(1000),
                io.guichet.core.ticket.ResolutionReason.EXCLUDED_INTEGRATION, ""));

        assertThat(outcome).isInstanceOf(io.guichet.core.desk.StaffOutcome.Done.class);
        assertThat(channel.tickets.find(new TicketNumber(1000)).orElseThrow().resolution())
                .contains(io.guichet.core.ticket.ResolutionReason.EXCLUDED_INTEGRATION);
        assertThat(pending()).singleElement().satisfies(m -> assertThat(m.body())
                .contains("(exclusion R21a)").contains("consulting services"));
    }

    @Test
    @DisplayName("R12, R6: on PostgreSQL a ticket resolves with a solution and its root cause (stored with the event, mailed), another for diagnostics not followed")
    void solutionProvidedAndDiagnosticsNotFollowed() {
        deliver(mail("bob@acme.example", "Agents offline", "s1@acme.example", COMPLETE_EN));
        deliver(mail("bob@acme.example", "Report slow", "s2@acme.example", COMPLETE_EN));
        pending().forEach(m -> channel.outbox.markSent(m.id(), channel.clock.instant()));
        io.guichet.core.ticket.Actor.Staff tess = new io.guichet.core.ticket.Actor.Staff("tess", "tess");

        channel.staffDesk.handle(new io.guichet.core.desk.StaffCommand.Resolve(tess, new TicketNumber(1000),
                io.guichet.core.ticket.ResolutionReason.SOLUTION_PROVIDED, "Restart the agent service.",
                Optional.of("A stale certificate on the relay.")));
        channel.staffDesk.handle(new io.guichet.core.desk.StaffCommand.Resolve(tess, new TicketNumber(1001),
                io.guichet.core.ticket.ResolutionReason.DIAGNOSTICS_NOT_FOLLOWED, ""));

        Ticket solved = channel.tickets.find(new TicketNumber(1000)).orElseThrow();
        assertThat(solved.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(solved.resolution()).contains(io.guichet.core.ticket.ResolutionReason.SOLUTION_PROVIDED);
        assertThat(channel.tickets.events(solved.id())).filteredOn(e -> e.kind() == EventKind.RESOLVED).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("R12 solution-provided; root cause: A stale certificate on the relay."));
        assertThat(channel.tickets.find(new TicketNumber(1001)).orElseThrow().resolution())
                .contains(io.guichet.core.ticket.ResolutionReason.DIAGNOSTICS_NOT_FOLLOWED);
        assertThat(pending()).filteredOn(m -> m.subject().startsWith("[Ticket#1000]")).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("A solution or workaround was found")
                        .contains("Restart the agent service.").contains("Root cause: A stale certificate on the relay."));
    }

    @Test
    @DisplayName("Unparseable mail is quarantined with its reason and nothing is answered")
    void unparseable() {
        MailHandler.Handled handled = deliver("this is not a mail at all");

        assertThat(handled).isInstanceOf(MailHandler.Handled.Quarantined.class);
        assertThat(channel.journal.dispositionAt(position(uid))).contains(Disposition.QUARANTINED);
        assertThat(pending()).isEmpty();
    }

    @Test
    @DisplayName("Oversize mail is quarantined without being read")
    void oversize() {
        MailHandler.Handled handled = channel.intake.oversize(position(++uid), new io.guichet.mail.inbound.Envelope(
                Optional.of(MessageId.of("big@acme.example")), "bob@acme.example", "Huge", 80_000_000L));

        assertThat(handled).isInstanceOf(MailHandler.Handled.Quarantined.class);
        assertThat(channel.journal.dispositionAt(position(uid))).contains(Disposition.QUARANTINED);
    }

    @Test
    @DisplayName("R2: a failure in the middle of handling leaves nothing behind, and the retry handles the mail once")
    void failureRollsBackEverything(Database database) {
        java.util.concurrent.atomic.AtomicBoolean failNext = new java.util.concurrent.atomic.AtomicBoolean(true);
        channel = new MailChannel(database, outbox -> new FailingStaffOutbox(outbox, failNext));
        String raw = mail("bob@acme.example", "Server down", "f1@acme.example", COMPLETE_EN.replace("Severity: 2", "Severity: 1"));
        MailPosition at = position(++uid);

        MailHandler.Handled first = channel.intake.handle(raw.getBytes(StandardCharsets.UTF_8), at);

        assertThat(first).isInstanceOf(MailHandler.Handled.RetryLater.class);
        assertThat(((MailHandler.Handled.RetryLater) first).reason()).doesNotContain("staff channel down")
                .startsWith("attempt 1 of 3 failed: IllegalStateException (ref ");
        assertThat(channel.journal.dispositionAt(at)).isEmpty();
        assertThat(channel.tickets.find(new TicketNumber(1000))).isEmpty();
        assertThat(pending()).isEmpty();

        MailHandler.Handled second = channel.intake.handle(raw.getBytes(StandardCharsets.UTF_8), at);

        assertThat(second).isInstanceOf(MailHandler.Handled.Processed.class);
        assertThat(channel.journal.dispositionAt(at)).contains(Disposition.OPENED);
        assertThat(channel.tickets.find(new TicketNumber(1001))).as("numbers are not reused, nothing doubled").isPresent()
                .hasValueSatisfying(t -> assertThat(t.escalated()).isTrue());
        assertThat(pending()).hasSize(1);
    }

    /** Fails the next post (a write of the staff outbox that fails mid-transaction), then behaves. */
    private record FailingStaffOutbox(io.guichet.core.port.StaffOutbox outbox,
                                      java.util.concurrent.atomic.AtomicBoolean failNext)
            implements io.guichet.core.port.StaffOutbox {
        @Override
        public void post(io.guichet.core.desk.StaffNotice notice) {
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("staff channel down");
            }
            outbox.post(notice);
        }

        @Override
        public java.util.List<Queued> claimDue(java.time.Instant now, int limit, java.time.Duration lease) {
            return outbox.claimDue(now, limit, lease);
        }

        @Override
        public void markDelivered(long id, java.time.Instant at) {
            outbox.markDelivered(id, at);
        }

        @Override
        public void markFailed(long id, String error, Optional<java.time.Instant> retryAt, java.time.Instant now) {
            outbox.markFailed(id, error, retryAt, now);
        }

        @Override
        public void release(java.util.List<Long> ids, java.time.Instant at) {
            outbox.release(ids, at);
        }

        @Override
        public int pending() {
            return outbox.pending();
        }
    }

    @Test
    @DisplayName("R7: a contact mailing 'link' on a ticket gets the server-access log (technician, date, time) past the cap; the ticket's status does not move")
    void pageLinkAndAccessLogOnRequest() {
        deliver(mail("bob@acme.example", "Agents offline", "l1@acme.example", COMPLETE_EN));
        OutgoingMail ack = onlyOutgoing();
        channel.outbox.markSent(ack.id(), channel.clock.instant());
        channel.staffDesk.handle(new io.guichet.core.desk.StaffCommand.RecordServerAccess(
                Actor.Staff.operator("Alice Martin"), new TicketNumber(1000), "read the agent logs"));
        pending().forEach(m -> channel.outbox.markSent(m.id(), channel.clock.instant()));
        channel.journal.recordAutoReplies(java.util.Collections.nCopies(20, MailChannel.email("bob@acme.example")),
                channel.clock.instant());

        deliver(mail("bob@acme.example", "RE: [Ticket#1000] link", "l2@acme.example", "Thanks\n"));

        OutgoingMail answer = onlyOutgoing();
        assertThat(answer.subject()).isEqualTo("[Ticket#1000] Agents offline");
        assertThat(answer.body()).contains("2 March 2026 at 09:00 UTC: Alice Martin: read the agent logs");
        assertThat(answer.inReplyTo()).contains(MessageId.of("l2@acme.example"));
        assertThat(channel.tickets.find(new TicketNumber(1000)).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
    }

    private MailHandler.Handled deliver(String raw) {
        return channel.intake.handle(raw.getBytes(StandardCharsets.UTF_8), position(++uid));
    }

    private static MailPosition position(long uid) {
        return new MailPosition("INBOX", 7, uid);
    }

    private List<OutgoingMail> pending() {
        return channel.outbox.claimDue(channel.clock.instant().plusSeconds(1), 100, Duration.ZERO);
    }

    private OutgoingMail onlyOutgoing() {
        List<OutgoingMail> mails = pending();
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    static String mail(String from, String subject, String messageId, String body) {
        return mail(from, subject, messageId, body, null);
    }

    static String mail(String from, String subject, String messageId, String body, String inReplyTo) {
        StringBuilder raw = new StringBuilder();
        raw.append("From: ").append(from).append("\r\n");
        raw.append("To: ").append(MailChannel.SUPPORT).append("\r\n");
        raw.append("Subject: =?UTF-8?B?").append(java.util.Base64.getEncoder()
                .encodeToString(subject.getBytes(StandardCharsets.UTF_8))).append("?=\r\n");
        raw.append("Date: Mon, 2 Mar 2026 09:00:00 +0000\r\n");
        if (messageId != null) {
            raw.append("Message-ID: <").append(messageId).append(">\r\n");
        }
        if (inReplyTo != null) {
            raw.append("In-Reply-To: ").append(inReplyTo).append("\r\n");
            raw.append("References: ").append(inReplyTo).append("\r\n");
        }
        raw.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        raw.append(body.replace("\n", "\r\n"));
        return raw.toString();
    }

    private static String dsn(String originalMessageId, String recipient) {
        return """
                Return-Path: <>
                From: MAILER-DAEMON@mx.guichet.example (Mail Delivery System)
                To: support@guichet.example
                Subject: Undelivered Mail Returned to Sender
                Auto-Submitted: auto-replied
                Message-ID: <dsn-4711@bounces.mta.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                Your message could not be delivered.

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.guichet.example

                Final-Recipient: rfc822; %2$s
                Action: failed
                Status: 5.1.1

                --B
                Content-Type: text/rfc822-headers

                From: support@guichet.example
                To: %2$s
                Message-ID: <%1$s>
                Subject: [Ticket#1000] Agents offline

                --B--
                """.formatted(originalMessageId, recipient).replace("\n", "\r\n");
    }

    private static String fixture(String name) {
        try (InputStream in = MailIntakeIT.class.getResourceAsStream("/mail/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

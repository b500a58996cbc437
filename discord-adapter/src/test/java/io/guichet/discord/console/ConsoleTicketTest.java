package io.guichet.discord.console;

import io.guichet.core.ticket.Actor;
import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.desk.StaffNotice;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.guichet.discord.console.ConsoleFixture.number;
import static io.guichet.discord.console.ConsoleFixture.shown;
import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTicketTest {

    private final ConsoleFixture f = new ConsoleFixture();

    @Test
    @DisplayName("R15: /queue shows active tickets in triage order, 10 a page, a Claim button per row and Prev/Next")
    void queuePages() {
        Ticket low = f.open("Printer icon wrong", "4");
        List<Ticket> middle = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            middle.add(f.open("Report slow " + i, "3"));
        }
        Ticket outage = f.open("Server down", "1");

        Answer page1 = f.tech("queue");

        assertThat(page1.ephemeral()).isTrue();
        String body = page1.embeds().get(0).description();
        assertThat(body.indexOf(outage.number().toString())).isLessThan(body.indexOf(middle.get(0).number().toString()));
        assertThat(body).doesNotContain(low.number().toString());
        assertThat(page1.buttons()).filteredOn(b -> b.id().startsWith("claim:")).hasSize(10)
                .first().extracting(Answer.Button::id).isEqualTo("claim:" + number(outage));
        Answer.Button next = page1.buttons().get(page1.buttons().size() - 1);
        assertThat(next.id()).startsWith("queue:2:active:any:")
                .endsWith("." + Long.toString(middle.get(8).number().value(), 36)).as("after the last row's key");
        assertThat(next.disabled()).isFalse();
        assertThat(page1.buttons().get(page1.buttons().size() - 2).disabled()).as("Prev on page 1").isTrue();

        Answer page2 = f.click("alice", next.id());

        assertThat(page2.embeds().get(0).title()).contains("page 2");
        assertThat(page2.embeds().get(0).description()).contains(low.number().toString());
        assertThat(page2.buttons()).filteredOn(b -> b.id().startsWith("claim:")).extracting(Answer.Button::id)
                .containsExactly("claim:" + number(middle.get(9)), "claim:" + number(low));
        assertThat(page2.buttons().get(page2.buttons().size() - 1).disabled()).as("Next on the last page").isTrue();
    }

    @Test
    @DisplayName("R15: /queue filters by severity and status; a bad filter names what is accepted")
    void queueFilters() {
        Ticket s2 = f.open("Agents offline in one site", "2");
        Ticket s3 = f.open("Report slow", "3");
        f.tech("ticket claim", "ticket", number(s3));

        String severityTwo = f.tech("queue", "severity", "2").embeds().get(0).description();
        String open = f.tech("queue", "status", "open").embeds().get(0).description();
        Answer bad = f.tech("queue", "severity", "urgentissime");

        assertThat(severityTwo).contains(s2.number().toString()).doesNotContain(s3.number().toString());
        assertThat(open).contains(s2.number().toString()).doesNotContain(s3.number().toString());
        assertThat(bad.content()).contains("Severity 'urgentissime' is not one of 1, 2, 3 or 4");
        assertThat(bad.embeds()).isEmpty();
    }

    @Test
    @DisplayName("/ticket show gives every field of the ticket, with the customer's text defused")
    void show() {
        Ticket t = f.open("Agents offline @everyone", "Hello @here, see <@123456789>", "2");

        Answer answer = f.tech("ticket show", "ticket", "#" + number(t));

        String all = shown(answer);
        assertThat(all).contains(t.number().toString(), "S2", "open", "Acme", "Paul Martin", "https://vsa.acme.example",
                "VSA 9.5", "SN 4711");
        assertThat(all).doesNotContain("@everyone", "@here", "<@123456789>");
        assertThat(answer.buttons()).extracting(Answer.Button::id).containsExactly("claim:" + number(t));
    }

    @Test
    @DisplayName("/ticket claim gives the ticket to the technician, audited with her name")
    void claim() {
        Ticket t = f.open("Server down", "2");

        Answer answer = f.tech("ticket claim", "ticket", number(t));

        assertThat(answer.content()).isEqualTo("You claimed ticket " + t.number() + ".");
        assertThat(f.ticket(t).assignee().map(Actor.Staff::name)).contains("alice");
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(f.events(t)).filteredOn(e -> e.kind() == EventKind.CLAIMED).singleElement()
                .extracting(e -> e.actor().label()).isEqualTo("staff:discord:id-alice alice");
    }

    @Test
    @DisplayName("A repeated Claim click is harmless: the second says already claimed and records nothing")
    void repeatedClaimClick() {
        Ticket t = f.open("Server down", "2");

        Answer first = f.click("alice", "claim:" + number(t));
        Answer second = f.click("alice", "claim:" + number(t));

        assertThat(first.content()).contains("You claimed ticket " + t.number());
        assertThat(second.content()).contains("already claimed by alice");
        assertThat(second.ephemeral()).isTrue();
        assertThat(f.events(t)).filteredOn(e -> e.kind() == EventKind.CLAIMED).hasSize(1);
    }

    @Test
    @DisplayName("A Claim click on a ticket someone else holds does not take it over")
    void claimClickOnSomeoneElsesTicket() {
        Ticket t = f.open("Server down", "2");
        f.click("bob", "claim:" + number(t));

        Answer answer = f.click("alice", "claim:" + number(t));

        assertThat(answer.content()).contains("already claimed by bob", "/ticket claim");
        assertThat(f.ticket(t).assignee().map(Actor.Staff::name)).contains("bob");
    }

    @Test
    @DisplayName("/ticket unclaim puts the ticket back in the queue")
    void unclaim() {
        Ticket t = f.open("Server down", "2");
        f.tech("ticket claim", "ticket", number(t));

        Answer answer = f.tech("ticket unclaim", "ticket", number(t));

        assertThat(answer.content()).contains("back in the queue");
        assertThat(f.ticket(t).assignee()).isEmpty();
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    @DisplayName("R2, R16: /ticket reply mails the contact a StaffReply threaded on the ticket")
    void reply() {
        Ticket t = f.open("Server down", "2");

        Answer answer = f.tech("ticket reply", "ticket", number(t), "text", "Please restart the agent service.");

        assertThat(answer.content()).contains("Reply mailed");
        assertThat(f.mail.told(CustomerNotice.StaffReply.class)).singleElement().satisfies(reply -> {
            assertThat(reply.to().email()).isEqualTo(f.contact.email());
            assertThat(reply.about().number()).isEqualTo(t.number());
            assertThat(reply.text()).isEqualTo("Please restart the agent service.");
            assertThat(reply.staffName()).isEqualTo("alice");
            assertThat(reply.question()).isFalse();
        });
    }

    @Test
    @DisplayName("R12a: /ticket ask mails a question and the ticket waits on the customer")
    void ask() {
        Ticket t = f.open("Server down", "2");

        f.tech("ticket ask", "ticket", number(t), "text", "Which agent version is installed?");

        assertThat(f.mail.told(CustomerNotice.StaffReply.class)).singleElement()
                .satisfies(q -> assertThat(q.question()).isTrue());
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
    }

    @Test
    @DisplayName("/ticket note stays internal: recorded, never mailed; an empty note is refused")
    void note() {
        Ticket t = f.open("Server down", "2");

        Answer answer = f.tech("ticket note", "ticket", number(t), "text", "Customer sounded upset.");
        Answer empty = f.tech("ticket note", "ticket", number(t));

        assertThat(answer.content()).contains("not sent to the customer");
        assertThat(f.mail.told()).isEmpty();
        assertThat(f.events(t)).filteredOn(e -> e.kind() == EventKind.NOTE).singleElement()
                .extracting(TicketEvent::detail).isEqualTo("Customer sounded upset.");
        assertThat(empty.content()).startsWith("Nothing changed.").contains("empty");
    }

    @Test
    @DisplayName("R6, R11, R17: /ticket severity needs a reason; a downgrade tells the customer and the staff channel")
    void severity() {
        Ticket t = f.open("Server down", "2");

        Answer noReason = f.tech("ticket severity", "ticket", number(t), "level", "3");
        Answer badLevel = f.tech("ticket severity", "ticket", number(t), "level", "7", "reason", "x");
        Answer done = f.tech("ticket severity", "ticket", number(t), "level", "3", "reason",
                "Contact unavailable for two days (R17)");

        assertThat(noReason.content()).contains("needs a reason (R6, R11, R17)");
        assertThat(badLevel.content()).contains("Severity '7' is not one of 1, 2, 3 or 4");
        assertThat(f.audit.all()).as("the option that could not be read is a refusal in the audit trail")
                .filteredOn(e -> e.kind() == io.guichet.core.audit.AuditKind.COMMAND_REFUSED)
                .anySatisfy(e -> {
                    assertThat(e.subject()).isEqualTo("console options");
                    assertThat(e.detail()).startsWith("/ticket severity: ").contains("Severity '7'");
                    assertThat(e.actor().label()).contains("alice");
                });
        assertThat(done.content()).contains("now severity 3");
        assertThat(f.ticket(t).severity()).contains(Severity.S3);
        assertThat(f.staff.notices(StaffNotice.Downgraded.class)).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("Contact unavailable"));
        assertThat(f.mail.told(CustomerNotice.SeverityChanged.class)).hasSize(1);
    }

    @Test
    @DisplayName("R9: /ticket hold parks the ticket and mails what to change; /ticket resume takes it back")
    void holdAndResume() {
        Ticket t = f.open("Agents crash", "3");

        f.tech("ticket hold", "ticket", number(t), "text", "Upgrade the network driver to 2.1.");
        TicketStatus held = f.ticket(t).status();
        Answer resumed = f.tech("ticket resume", "ticket", number(t));

        assertThat(held).isEqualTo(TicketStatus.ON_HOLD);
        assertThat(f.mail.told(CustomerNotice.OnHold.class)).singleElement()
                .satisfies(h -> assertThat(h.text()).contains("network driver"));
        assertThat(resumed.content()).contains("resumed");
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    @DisplayName("R12e: /ticket resolve with a reason mails the resolution with its explanation")
    void resolve() {
        Ticket t = f.open("Please add dark mode", "4");

        Answer answer = f.tech("ticket resolve", "ticket", number(t), "reason", "feature-request", "text",
                "Thanks, please submit it in the knowledge base.");

        assertThat(answer.content()).contains("resolved", "feature-request", "R12e");
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(f.ticket(t).resolution()).contains(ResolutionReason.FEATURE_REQUEST);
        assertThat(f.mail.told(CustomerNotice.Resolved.class)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(ResolutionReason.FEATURE_REQUEST);
            assertThat(r.text()).contains("knowledge base");
            assertThat(r.manager().name()).isEqualTo("Marie Dupont");
        });
    }

    @Test
    @DisplayName("R17: /ticket frequency lowers how often a ticket is updated, severity unchanged; a span it cannot read is refused with the accepted forms")
    void frequency() {
        Ticket t = f.open("Agents offline at night", "3");

        Answer bad = f.tech("ticket frequency", "ticket", number(t), "every", "often", "reason", "Contact away.");
        Answer done = f.tech("ticket frequency", "ticket", number(t), "every", "1d 16h", "reason", "Contact away.");

        assertThat(bad.content() + bad.embeds()).contains("12h, 2d");
        assertThat(done.content()).contains("PT40H", "R17");
        assertThat(f.ticket(t).severity()).contains(io.guichet.core.ticket.Severity.S3);
        assertThat(f.ticket(t).due().updateInterval()).contains(java.time.Duration.ofHours(40));
    }

    @Test
    @DisplayName("R15, R16: /ticket call records a phone call as a response and may give fields")
    void call() {
        Ticket t = f.open("Agents offline at night", "3");

        Answer answer = f.tech("ticket call", "ticket", number(t), "summary", "Called back: restart planned.",
                "version", "9.5.0.13");

        assertThat(answer.content()).contains("Call recorded", "R15");
        assertThat(f.ticket(t).due().firstRespondedAt()).isPresent();
        assertThat(f.ticket(t).fields().version()).contains("9.5.0.13");
    }

    @Test
    @DisplayName("R21: /ticket decline declines a request at intake for an exclusion and mails the explanation")
    void decline() {
        Ticket t = f.open("Our custom plug-in crashes the agent", "3");

        Answer answer = f.tech("ticket decline", "ticket", number(t), "reason", "R21a", "text",
                "The plug-in is your own development.");

        assertThat(answer.content()).contains("declined", "excluded-integration", "R21a");
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(f.ticket(t).resolution()).contains(ResolutionReason.EXCLUDED_INTEGRATION);
        assertThat(f.mail.told(CustomerNotice.Resolved.class)).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(ResolutionReason.EXCLUDED_INTEGRATION));
    }

    @Test
    @DisplayName("R12: /ticket resolve solution-provided with a root cause records it with the resolution event and mails it")
    void resolveWithSolutionAndRootCause() {
        Ticket t = f.open("Agents offline", "2");

        Answer answer = f.tech("ticket resolve", "ticket", number(t), "reason", "solution-provided", "text",
                "Restart the agent service after the update.", "root-cause", "  A stale certificate on the relay.  ");

        assertThat(answer.content()).contains("resolved", "solution-provided", "R12", "root cause recorded");
        assertThat(f.ticket(t).resolution()).contains(ResolutionReason.SOLUTION_PROVIDED);
        assertThat(f.events(t)).filteredOn(e -> e.kind() == EventKind.RESOLVED).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("R12 solution-provided; root cause: A stale certificate on the relay."));
        assertThat(f.mail.told(CustomerNotice.Resolved.class)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(ResolutionReason.SOLUTION_PROVIDED);
            assertThat(r.rootCause()).contains("A stale certificate on the relay.");
        });
    }

    @Test
    @DisplayName("R12: a root cause over the text limit is refused with its length and the limit, and nothing changes")
    void rootCauseTooLong() {
        Ticket t = f.open("Agents offline", "2");

        Answer answer = f.tech("ticket resolve", "ticket", number(t), "reason", "solution-provided", "root-cause",
                "x".repeat(20_001));

        assertThat(answer.content()).contains("root cause is 20001 characters long; at most 20000 are accepted");
        assertThat(f.ticket(t).status()).isNotEqualTo(TicketStatus.RESOLVED);
        assertThat(f.mail.told()).isEmpty();
    }

    @Test
    @DisplayName("R12: without root-cause the resolution records none; R6: diagnostics-not-followed resolves the ticket")
    void resolveWithoutRootCauseAndDiagnosticsNotFollowed() {
        Ticket solved = f.open("Agents offline", "2");
        Ticket ignored = f.open("Report slow", "3");

        f.tech("ticket resolve", "ticket", number(solved), "reason", "R12");
        Answer answer = f.tech("ticket resolve", "ticket", number(ignored), "reason", "diagnostics-not-followed", "text",
                "We asked for the agent logs twice.");

        assertThat(f.events(solved)).filteredOn(e -> e.kind() == EventKind.RESOLVED).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("R12 solution-provided"));
        assertThat(answer.content()).contains("resolved", "diagnostics-not-followed", "R6");
        assertThat(f.ticket(ignored).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(f.ticket(ignored).resolution()).contains(ResolutionReason.DIAGNOSTICS_NOT_FOLLOWED);
        assertThat(f.mail.told(CustomerNotice.Resolved.class)).hasSize(2)
                .allSatisfy(r -> assertThat(r.rootCause()).isEmpty());
    }

    @Test
    @DisplayName("R12: an unknown resolution reason lists the accepted ones and changes nothing")
    void resolveUnknownReason() {
        Ticket t = f.open("Please add dark mode", "4");

        Answer answer = f.tech("ticket resolve", "ticket", number(t), "reason", "fixed");

        assertThat(answer.content()).contains("Resolution reason 'fixed' is not one of", "solution-provided (R12)",
                "no-response (R12a)", "not-substantial (R12g)", "diagnostics-not-followed (R6)");
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(f.mail.told()).isEmpty();
    }

    @Test
    @DisplayName("R18: /ticket escalate flags the ticket and tells the staff channel and the customer")
    void escalate() {
        Ticket t = f.open("Report slow", "3");

        f.tech("ticket escalate", "ticket", number(t), "reason", "Customer's CEO called");

        assertThat(f.ticket(t).escalated()).isTrue();
        assertThat(f.staff.notices(StaffNotice.Escalation.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("Customer's CEO called"));
        assertThat(f.mail.told(CustomerNotice.Escalated.class)).hasSize(1);
    }

    @Test
    @DisplayName("R7: /ticket access records the server access with the technician's name, date and time")
    void access() {
        Ticket t = f.open("Server down", "2");
        f.clock.set(Instant.parse("2026-03-02T10:15:00Z"));

        Answer answer = f.tech("ticket access", "ticket", number(t), "detail", "RDP to vsa01 to read the logs");

        assertThat(answer.content()).contains("alice", "2026-03-02T10:15:00Z", "R7");
        assertThat(f.events(t)).filteredOn(e -> e.kind() == EventKind.SERVER_ACCESS).singleElement().satisfies(e -> {
            assertThat(e.actor().label()).isEqualTo("staff:discord:id-alice alice");
            assertThat(e.at()).isEqualTo(Instant.parse("2026-03-02T10:15:00Z"));
            assertThat(e.detail()).isEqualTo("RDP to vsa01 to read the logs");
        });
    }

    @Test
    @DisplayName("R7: /ticket history shows the audit trail with actors, newest last")
    void history() {
        Ticket t = f.open("Server down", "2");
        f.tech("ticket claim", "ticket", number(t));
        f.tech("ticket access", "ticket", number(t), "detail", "vsa01");

        Answer answer = f.tech("ticket history", "ticket", number(t));

        String body = answer.embeds().get(0).description();
        assertThat(answer.embeds().get(0).title()).contains("History of " + t.number());
        assertThat(body.indexOf("created")).isLessThan(body.indexOf("claimed"));
        assertThat(body.indexOf("claimed")).isLessThan(body.indexOf("server access"));
        assertThat(body).contains("staff:discord:id-alice alice", "customer:paul@acme.example");
    }

    @Test
    @DisplayName("A bad or unknown ticket number is answered with what is accepted, and nothing changes")
    void badTicketNumbers() {
        Answer bad = f.tech("ticket claim", "ticket", "abc");
        Answer unknown = f.tech("ticket claim", "ticket", "9999");
        Answer unknownButton = f.click("alice", "show:9999");

        assertThat(bad.content()).contains("'abc' is not a ticket number", "e.g. 1042 or #1042");
        assertThat(unknown.content()).contains("There is no ticket #9999.");
        assertThat(unknownButton.content()).contains("There is no ticket #9999.");
        assertThat(bad.ephemeral()).isTrue();
    }

    @Test
    @DisplayName("Show button gives the ticket card; an unknown button asks to run the command again")
    void buttons() {
        Ticket t = f.open("Server down", "2");

        Answer show = f.click("alice", "show:" + number(t));
        Answer garbage = f.click("alice", "explode:now");

        assertThat(show.embeds()).singleElement().satisfies(e -> assertThat(e.title()).startsWith(t.number().toString()));
        assertThat(garbage.content()).contains("no longer understood");
        assertThat(f.events(t)).extracting(TicketEvent::kind).containsExactly(EventKind.CREATED);
        assertThat(Optional.of(garbage.ephemeral())).contains(true);
    }
}

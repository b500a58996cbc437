package io.guichet.discord.console;

import io.guichet.core.account.Contact;
import io.guichet.core.account.Language;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.desk.StaffNotice;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Lifecycle;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.ticket.Transition;
import io.guichet.core.ticket.TransitionResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.guichet.discord.console.ConsoleFixture.TECH;
import static io.guichet.discord.console.ConsoleFixture.number;
import static io.guichet.discord.console.ConsoleFixture.shown;
import static org.assertj.core.api.Assertions.assertThat;

/** What staff expect of a ticket bot: /queue filters, /ticket assign, /ticket reopen. */
class ConsoleStaffToolsTest {

    private final ConsoleFixture f = new ConsoleFixture();

    private Answer asMember(String user, Set<String> roles, String path, Map<String, String> options,
                            Map<String, SlashInput.Member> members) {
        return f.console.handle(new SlashInput("id-" + user, user, roles, path, options, members));
    }

    private Answer assign(Ticket t, String user, String name, Set<String> roles) {
        return asMember("alice", Set.of(TECH), "ticket assign", Map.of("ticket", number(t), "technician", user),
                Map.of("technician", new SlashInput.Member(user, name, roles)));
    }

    private static List<String> claimIds(Answer answer) {
        return answer.buttons().stream().map(Answer.Button::id).filter(id -> id.startsWith("claim:")).toList();
    }

    private static Answer.Button next(Answer answer) {
        return answer.buttons().get(answer.buttons().size() - 1);
    }

    private Ticket openFor(Contact contact, String subject, String severity) {
        IntakeDraft draft = IntakeDraft.empty().with(IntakeField.SUBJECT, subject)
                .with(IntakeField.DESCRIPTION, "Since this morning.").with(IntakeField.SEVERITY, severity)
                .with(IntakeField.SERVER_URL, "https://vsa.globex.example").with(IntakeField.MODULE, "Agents")
                .with(IntakeField.STEPS_TO_REPRODUCE, "Open it").with(IntakeField.AFFECTED_DEVICES, "SN 1")
                .with(IntakeField.VERSION, "VSA 9.5");
        return ((CustomerOutcome.Opened) f.customers.handle(new CustomerCommand.OpenTicket(contact.email(),
                contact.name(), Optional.empty(), draft, false))).ticket();
    }

    @Test
    @DisplayName("R15: /queue mine, account and search narrow the queue, combine, and Next keeps them on page 2")
    void queueFilters() {
        var globex = f.stores.contacts().addAccount("Globex", Optional.of(java.time.LocalDate.parse("2027-12-31")),
                new io.guichet.core.account.AccountManager("Marie Dupont", "marie@vendor.example")).orElseThrow();
        Contact hank = f.stores.contacts().addContact(globex.id(), "Hank", ConsoleFixture.email("hank@globex.example"),
                "+1", Language.EN, Optional.empty(), Optional.empty()).orElseThrow();
        List<Ticket> mineAcme = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Ticket t = f.open(i == 5 ? "Printer JAM in hall" : "Agents offline " + i, "3");
            f.tech("ticket claim", "ticket", number(t));
            mineAcme.add(t);
        }
        Ticket othersAcme = f.open("Printer jam upstairs", "2");
        f.as("bob", Set.of(TECH), "ticket claim", "ticket", number(othersAcme));
        Ticket mineGlobex = openFor(hank, "Printer jam at Globex", "2");
        f.tech("ticket claim", "ticket", number(mineGlobex));

        Answer mine = f.tech("queue", "mine", "true");
        assertThat(claimIds(mine)).hasSize(10).doesNotContain("claim:" + number(othersAcme));
        assertThat(mine.embeds().get(0).title()).contains("mine");
        Answer.Button next = next(mine);
        assertThat(next.disabled()).isFalse();
        assertThat(next.id().length()).isLessThanOrEqualTo(100);
        Answer page2 = f.click("alice", next.id());
        assertThat(page2.embeds().get(0).title()).contains("page 2", "mine");
        assertThat(claimIds(page2)).hasSize(3).doesNotContain("claim:" + number(othersAcme));

        Answer acmeJam = f.tech("queue", "mine", "true", "account", "Acme", "search", "printer jam");
        assertThat(claimIds(acmeJam)).containsExactly("claim:" + number(mineAcme.get(5)));
        assertThat(acmeJam.embeds().get(0).title()).contains("mine", "account Acme", "printer jam");

        Answer jam = f.tech("queue", "search", "PRINTER JAM");
        assertThat(claimIds(jam)).containsExactlyInAnyOrder("claim:" + number(othersAcme), "claim:" + number(mineGlobex),
                "claim:" + number(mineAcme.get(5)));

        Answer globexOnly = f.tech("queue", "account", "Globex");
        assertThat(claimIds(globexOnly)).containsExactly("claim:" + number(mineGlobex));
    }

    @Test
    @DisplayName("R15: a searched queue pages with a short token for the text: Next stays under 100 characters and keeps the search")
    void searchPagesByToken() {
        String longText = "agents went offline after the upgrade of the monitoring server in the west wing data room";
        for (int i = 0; i < 11; i++) {
            f.open("Ticket " + i, "Since Monday " + longText.toUpperCase() + " again.", "3");
        }
        f.open("Unrelated", "Nothing to see", "3");

        Answer page1 = f.tech("queue", "search", longText, "mine", "false");
        assertThat(claimIds(page1)).hasSize(10);
        Answer.Button next = next(page1);
        assertThat(next.id()).hasSizeLessThanOrEqualTo(100).doesNotContain("agents").contains(":t");
        Answer page2 = f.click("alice", next.id());
        assertThat(claimIds(page2)).hasSize(1);
        assertThat(shown(page2)).contains("page 2").doesNotContain("Unrelated");

        Answer forged = f.click("alice", next.id().replaceAll(":t[A-Za-z0-9_-]{11}$", ":tAAAAAAAAAAA"));
        assertThat(forged.content()).contains("no longer understood");
    }

    @Test
    @DisplayName("/queue account with an unknown name is refused, naming the accounts there are")
    void unknownAccount() {
        Answer answer = f.tech("queue", "account", "Initech");
        assertThat(answer.content()).contains("Nothing changed", "no account named 'Initech'", "Accounts: Acme");
        assertThat(answer.embeds()).isEmpty();
    }

    @Test
    @DisplayName("/queue account suggests account names to technicians; other commands' account options stay for managers")
    void accountSuggestions() {
        assertThat(f.console.complete(new AutocompleteInput("id-alice", "alice", Set.of(TECH), "queue", "account", "ac")))
                .extracting(Choice::value).containsExactly("Acme");
        assertThat(f.console.complete(new AutocompleteInput("id-alice", "alice", Set.of(TECH), "contact list", "account",
                "ac"))).isEmpty();
    }

    @Test
    @DisplayName("/ticket assign gives the ticket to another technician: history records who to whom, the thread is told")
    void assignAndTransfer() {
        Ticket t = f.open("Agents offline", "2");
        f.tech("ticket claim", "ticket", number(t));

        Answer answer = assign(t, "555", "Bob", Set.of(TECH));

        assertThat(answer.content()).contains("assigned to Bob", "was alice");
        Ticket now = f.ticket(t);
        assertThat(now.assignee()).map(Actor.Staff::id).contains("discord:555");
        assertThat(now.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        TicketEvent event = f.events(t).get(f.events(t).size() - 1);
        assertThat(event.kind()).isEqualTo(EventKind.ASSIGNED);
        assertThat(event.actor()).isEqualTo(Actor.Staff.discord("id-alice", "alice"));
        assertThat(event.detail()).contains("to Bob (discord:555)", "taken over from alice");
        StaffNotice.ThreadPost post = f.staff.notices(StaffNotice.ThreadPost.class).stream()
                .filter(p -> p.event() == EventKind.ASSIGNED).findFirst().orElseThrow();
        ThreadPostRenderer.Post rendered = new ThreadPostRenderer().render(post);
        assertThat(rendered.content()).startsWith("<@555> **Assigned to Bob** by alice");
        assertThat(rendered.pinged()).containsExactly("555");

        Answer again = assign(t, "555", "Bob", Set.of(TECH));
        assertThat(again.content()).contains("Nothing changed", "already held by Bob");
    }

    @Test
    @DisplayName("/ticket assign to a member without the technician role is refused, nothing changes, the refusal is audited")
    void assignToNonTechnician() {
        Ticket t = f.open("Agents offline", "2");
        int events = f.events(t).size();

        Answer answer = assign(t, "777", "Martha", Set.of(ConsoleFixture.MANAGER));

        assertThat(answer.content()).contains("Nothing changed", "Martha does not have the technician role");
        assertThat(f.ticket(t).assignee()).isEmpty();
        assertThat(f.events(t)).hasSize(events);
        assertThat(f.audit.all()).anyMatch(e -> e.kind() == AuditKind.COMMAND_REFUSED
                && e.detail().contains("technician role"));
    }

    @Test
    @DisplayName("R13: a closed ticket cannot be assigned nor reopened: closed for good, the next mail opens a linked ticket")
    void closedTicket() {
        Ticket t = f.open("Agents offline", "3");
        f.tech("ticket resolve", "ticket", number(t), "reason", "solution-provided", "text", "Restart the agent.");
        close(t);

        assertThat(assign(t, "555", "Bob", Set.of(TECH)).content()).contains("Nothing changed", "closed for good",
                "can no longer be assigned");
        Answer reopen = f.tech("ticket reopen", "ticket", number(t));
        assertThat(reopen.content()).contains("Nothing changed", "closed for good and cannot be reopened (R13)",
                "customer's next mail about it opens a new ticket linked to this one");
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    @DisplayName("R13: /ticket reopen brings a resolved ticket back to its holder; history and thread record it")
    void reopenResolved() {
        Ticket t = f.open("Agents offline", "3");
        f.tech("ticket claim", "ticket", number(t));
        f.tech("ticket resolve", "ticket", number(t), "reason", "solution-provided", "text", "Restart the agent.");

        Answer answer = f.as("bob", Set.of(TECH), "ticket reopen", "ticket", number(t));

        assertThat(answer.content()).contains("reopened", "in progress with alice");
        Ticket now = f.ticket(t);
        assertThat(now.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(now.resolution()).isEmpty();
        TicketEvent event = f.events(t).get(f.events(t).size() - 1);
        assertThat(event.kind()).isEqualTo(EventKind.REOPENED);
        assertThat(event.actor()).isEqualTo(Actor.Staff.discord("id-bob", "bob"));
        assertThat(event.detail()).contains("R13", "reopened by staff");
        assertThat(f.staff.notices(StaffNotice.ThreadPost.class)).anyMatch(p -> p.event() == EventKind.REOPENED
                && p.actor().contains("bob"));
        assertThat(f.mail.told(io.guichet.core.desk.CustomerNotice.Reopened.class)).isEmpty();

        assertThat(f.tech("ticket reopen", "ticket", number(t)).content()).contains("Nothing changed",
                "only a resolved ticket is reopened");
    }

    @Test
    @DisplayName("R5, R13: a resolved ticket still missing required fields reopens to awaiting them, as a customer's reopen does")
    void reopenAwaitingInfo() {
        CustomerOutcome outcome = f.customers.handle(new CustomerCommand.OpenTicket(f.contact.email(), f.contact.name(),
                Optional.empty(), IntakeDraft.empty().with(IntakeField.SUBJECT, "Broken").with(IntakeField.DESCRIPTION,
                "It broke."), false));
        Ticket t = ((CustomerOutcome.Opened) outcome).ticket();
        assertThat(t.status()).isEqualTo(TicketStatus.AWAITING_INFO);
        f.tech("ticket decline", "ticket", number(t), "reason", "out-of-scope", "text", "Not ours.");
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.RESOLVED);

        Answer answer = f.tech("ticket reopen", "ticket", number(t));

        assertThat(answer.content()).contains("reopened", "missing fields (R5)");
        assertThat(f.ticket(t).status()).isEqualTo(TicketStatus.AWAITING_INFO);
        assertThat(f.events(t).get(f.events(t).size() - 1).detail()).contains("R5");
    }

    private void close(Ticket t) {
        Ticket resolved = f.ticket(t);
        Ticket closed = ((TransitionResult.Applied) Lifecycle.apply(resolved, new Transition.Close(), Actor.SYSTEM,
                f.clock.instant())).ticket();
        f.desk.tickets().update(closed).orElseThrow();
    }
}

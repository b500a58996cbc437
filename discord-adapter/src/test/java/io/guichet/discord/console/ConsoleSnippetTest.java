package io.guichet.discord.console;

import io.guichet.core.audit.AuditEvent;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.ticket.Ticket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.guichet.discord.console.ConsoleFixture.MANAGER;
import static io.guichet.discord.console.ConsoleFixture.TECH;
import static io.guichet.discord.console.ConsoleFixture.number;
import static io.guichet.discord.console.ConsoleFixture.shown;
import static org.assertj.core.api.Assertions.assertThat;

/** Saved replies: managers add and remove them, technicians list them and insert one in a reply. */
class ConsoleSnippetTest {

    private final ConsoleFixture f = new ConsoleFixture();

    @Test
    @DisplayName("a manager saves a reply (\\n starts a new line), replaces its text, removes it; each is audited with who did it")
    void managerAddsReplacesRemoves() {
        Answer added = f.manager("snippet add", "name", "agent-reinstall", "text",
                "Please reinstall the agent:\\n1. uninstall it\\n2. install 9.5.1");
        assertThat(added.content()).contains("Saved reply 'agent-reinstall' added", "/ticket reply snippet:agent-reinstall");
        assertThat(f.snippets.find("agent-reinstall")).hasValueSatisfying(s ->
                assertThat(s.text()).isEqualTo("Please reinstall the agent:\n1. uninstall it\n2. install 9.5.1"));

        assertThat(f.manager("snippet add", "name", "agent-reinstall", "text", "Reinstall the agent.").content())
                .contains("Saved reply 'agent-reinstall' replaced");
        assertThat(f.manager("snippet remove", "name", "agent-reinstall").content())
                .isEqualTo("Saved reply 'agent-reinstall' removed.");
        assertThat(f.snippets.all()).isEmpty();
        assertThat(f.manager("snippet remove", "name", "agent-reinstall").content())
                .contains("Nothing changed.", "there is no saved reply named 'agent-reinstall'", "/snippet list");

        List<AuditEvent> audit = f.audit.about("snippet agent-reinstall");
        assertThat(audit).extracting(AuditEvent::kind).containsExactly(AuditKind.SNIPPET_SAVED, AuditKind.SNIPPET_SAVED,
                AuditKind.SNIPPET_REMOVED);
        assertThat(audit).extracting(AuditEvent::detail).containsExactly("added", "text replaced", "removed");
        assertThat(audit).allSatisfy(e -> assertThat(e.actor().label()).contains("martha"));
    }

    @Test
    @DisplayName("a saved reply written in the form (several lines) is kept as written, backslashes and all")
    void fromForm() {
        Answer added = f.manager("snippet add", "name", "log-path", "text", "The log:\nC:\\new\\agent.log",
                SlashInput.FROM_FORM, "yes");
        assertThat(added.content()).contains("Saved reply 'log-path' added");
        assertThat(f.snippets.find("log-path")).hasValueSatisfying(s ->
                assertThat(s.text()).isEqualTo("The log:\nC:\\new\\agent.log"));
    }

    @Test
    @DisplayName("names are short, lowercase letters, digits and dashes: anything else is refused, saying what is accepted")
    void namesChecked() {
        for (String bad : List.of("Agent Reinstall", "agent_reinstall", "-agent", "agent--x", "a".repeat(33), "é")) {
            Answer refused = f.manager("snippet add", "name", bad, "text", "Some text.");
            assertThat(refused.content()).as(bad).contains("Nothing changed.", "is not a saved reply's name",
                    "lowercase letters, digits and dashes");
        }
        assertThat(f.manager("snippet add", "name", "ok-1", "text", "   ").content())
                .contains("Nothing changed.", "Option 'text' is required.");
        assertThat(f.snippets.all()).isEmpty();
        assertThat(f.audit.all()).extracting(AuditEvent::kind).doesNotContain(AuditKind.SNIPPET_SAVED);
    }

    @Test
    @DisplayName("only managers add and remove saved replies; technicians list them; nothing changes for the refused")
    void roles() {
        assertThat(f.tech("snippet add", "name", "ask-logs", "text", "Send the log.").content())
                .contains("Only members with the manager role may use /snippet add");
        assertThat(f.snippets.all()).isEmpty();
        f.manager("snippet add", "name", "ask-logs", "text", "Could you send the agent's log?");
        assertThat(f.tech("snippet remove", "name", "ask-logs").content())
                .contains("Only members with the manager role may use /snippet remove");
        assertThat(f.snippets.all()).hasSize(1);
        assertThat(f.as("nina", Set.of(), "snippet list").content()).contains("Only members with the technician role");

        Answer list = f.tech("snippet list");
        assertThat(list.ephemeral()).isTrue();
        assertThat(shown(list)).contains("Saved replies (1)", "`ask-logs` Could you send the agent's log?",
                "/ticket reply ticket:<n> snippet:<name>");
    }

    @Test
    @DisplayName("R2, R16: /ticket reply snippet: mails the saved reply's text, or puts it before the text typed; an "
            + "unknown name is refused, nothing mailed")
    void replyWithSnippet() {
        f.manager("snippet add", "name", "ask-logs", "text", "Could you send the agent's log?\\nIt is in the logs folder.");
        Ticket t = f.open("Agents offline", "All agents offline", "3");

        assertThat(f.tech("ticket reply", "ticket", number(t), "snippet", "ask-logs").content()).contains("Reply mailed");
        assertThat(f.tech("ticket reply", "ticket", number(t), "snippet", "ask-logs", "text", "Thanks, Alice").content())
                .contains("Reply mailed");
        assertThat(f.mail.told(CustomerNotice.StaffReply.class)).extracting(CustomerNotice.StaffReply::text)
                .containsExactly("Could you send the agent's log?\nIt is in the logs folder.",
                        "Could you send the agent's log?\nIt is in the logs folder.\n\nThanks, Alice");

        Answer unknown = f.tech("ticket reply", "ticket", number(t), "snippet", "ask-log", "text", "Hello");
        assertThat(unknown.content()).contains("Nothing changed.", "there is no saved reply named 'ask-log'",
                "/snippet list shows their names");
        assertThat(f.mail.told(CustomerNotice.StaffReply.class)).hasSize(2);
    }

    @Test
    @DisplayName("autocomplete of saved replies' names: technicians in /ticket reply, managers in /snippet remove")
    void autocomplete() {
        f.manager("snippet add", "name", "ask-logs", "text", "Could you send the agent's log?");
        f.manager("snippet add", "name", "agent-reinstall", "text", "Reinstall the agent.");

        List<Choice> forReply = f.console.complete(new AutocompleteInput("id-alice", "alice", Set.of(TECH),
                "ticket reply", "snippet", "log"));
        assertThat(forReply).extracting(Choice::value).containsExactly("ask-logs");
        assertThat(forReply.get(0).name()).isEqualTo("ask-logs - Could you send the agent's log?");
        assertThat(f.console.complete(new AutocompleteInput("id-alice", "alice", Set.of(TECH), "ticket reply",
                "snippet", ""))).extracting(Choice::value).containsExactly("agent-reinstall", "ask-logs");
        assertThat(f.console.complete(new AutocompleteInput("id-martha", "martha", Set.of(MANAGER), "snippet remove",
                "name", "agent"))).extracting(Choice::value).containsExactly("agent-reinstall");
        assertThat(f.console.complete(new AutocompleteInput("id-nina", "nina", Set.of(), "ticket reply", "snippet",
                ""))).isEmpty();
    }
}

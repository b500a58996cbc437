package io.guichet.discord.console;

import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Technicians answering by writing in a ticket's thread, on the in-memory desk (no JDA). */
class ThreadRepliesTest {

    private static final String THREAD = "thread-1";

    private ConsoleFixture f;
    private ThreadReplies replies;
    private Ticket ticket;

    @BeforeEach
    void setUp() {
        f = new ConsoleFixture();
        replies = new ThreadReplies(f.desks, new StaffRoles(ConsoleFixture.TECH, ConsoleFixture.MANAGER));
        ticket = f.open("Agents offline", "3");
        f.threads.remember(ticket.id(), THREAD, f.clock.instant());
    }

    @Test
    @DisplayName("R2, R16: a technician's plain message, on several lines, is the reply mailed to the customer; the bot reacts ✅")
    void plainMessageIsTheReply() {
        ThreadReplies.Reaction reaction = replies.handle(message("m1", "alice", Set.of(ConsoleFixture.TECH),
                "Hello Paul,\nplease restart the agent.\nAlice"));

        assertThat(reaction.emoji()).contains(ThreadReplies.SENT);
        assertThat(reaction.reply()).isEmpty();
        assertThat(f.events(ticket)).filteredOn(e -> e.kind() == EventKind.STAFF_REPLY).singleElement()
                .satisfies(e -> assertThat(e.actor().label()).contains("alice"));
        assertThat(f.mail.told(CustomerNotice.StaffReply.class)).singleElement()
                .satisfies(n -> assertThat(n.text()).isEqualTo("Hello Paul,\nplease restart the agent.\nAlice"));
    }

    @Test
    @DisplayName("a message delivered twice (a gateway replay) is mailed once and answered once")
    void replayedMessageActsOnce() {
        ThreadMessageInput input = message("m1", "alice", Set.of(ConsoleFixture.TECH), "Please restart the agent.");
        replies.handle(input);

        assertThat(replies.handle(input)).isEqualTo(new ThreadReplies.Reaction(java.util.Optional.empty(),
                java.util.Optional.empty()));
        assertThat(f.events(ticket)).filteredOn(e -> e.kind() == EventKind.STAFF_REPLY).hasSize(1);
        assertThat(f.mail.told(CustomerNotice.StaffReply.class)).hasSize(1);
    }

    @Test
    @DisplayName("a message starting with // or note: stays an internal note, never mailed")
    void notePrefixes() {
        assertThat(replies.handle(message("m1", "alice", Set.of(ConsoleFixture.TECH), "// proxy in the way")).emoji())
                .contains(ThreadReplies.SENT);
        replies.handle(message("m2", "alice", Set.of(ConsoleFixture.TECH), "Note: called the customer"));

        assertThat(f.events(ticket)).filteredOn(e -> e.kind() == EventKind.NOTE).extracting(TicketEvent::detail)
                .containsExactly("proxy in the way", "called the customer");
        assertThat(f.mail.told()).isEmpty();
    }

    @Test
    @DisplayName("a member without the technician role is ignored (no reaction, nothing mailed) and recorded in the audit log")
    void nonTechnicianIgnoredAndRecorded() {
        ThreadReplies.Reaction reaction = replies.handle(message("m1", "nina", Set.of(), "Let me answer"));

        assertThat(reaction.emoji()).isEmpty();
        assertThat(f.mail.told()).isEmpty();
        assertThat(f.events(ticket)).noneMatch(e -> e.kind() == EventKind.STAFF_REPLY || e.kind() == EventKind.NOTE);
        assertThat(f.audit.about("ticket " + ticket.number())).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("not a technician"));
    }

    @Test
    @DisplayName("a refused message gets ❌ and a reply saying why; files attached in Discord are named as not sent")
    void refusedAndAttachments() {
        ThreadReplies.Reaction refused = replies.handle(message("m1", "alice", Set.of(ConsoleFixture.TECH), "   "));
        assertThat(refused.emoji()).contains(ThreadReplies.REFUSED);
        assertThat(refused.reply()).hasValueSatisfying(r -> assertThat(r).startsWith("Not sent."));

        ThreadReplies.Reaction withFile = replies.handle(new ThreadMessageInput(THREAD, "m2", "id-alice", "alice",
                Set.of(ConsoleFixture.TECH), "// see the screenshot", List.of(new ThreadMessageInput.Attached("agents.png",
                        "image/png", 3, () -> new byte[] {1, 2, 3}))));
        assertThat(withFile.emoji()).contains(ThreadReplies.SENT);
        assertThat(withFile.reply()).hasValueSatisfying(r -> assertThat(r).contains("agents.png", "without the attached files"));

        ThreadReplies.Reaction tooLarge = replies.handle(new ThreadMessageInput(THREAD, "m3", "id-alice", "alice",
                Set.of(ConsoleFixture.TECH), "The full dump.", List.of(new ThreadMessageInput.Attached("dump.bin",
                        "application/octet-stream", ThreadReplies.MAIL_FILES_LIMIT + 1, () -> {
                            throw new AssertionError("a file too large is not fetched");
                        }))));
        assertThat(tooLarge.emoji()).contains(ThreadReplies.REFUSED);
        assertThat(tooLarge.reply()).hasValueSatisfying(r -> assertThat(r).contains("Not sent", "too large to mail",
                "dump.bin 10.0 MiB", "at most 10.0 MiB"));
    }

    @Test
    @DisplayName("the Subscribe button subscribes a technician once; a member without the role is refused")
    void subscribeButton() {
        String id = new ButtonAction.Subscribe(ticket.number()).id();
        assertThat(f.click("max", id).content()).contains("You will be pinged");
        assertThat(f.click("max", id).content()).contains("already subscribed");
        assertThat(f.console.handle(new ButtonInput("id-nina", "nina", Set.of(), id)).content())
                .contains("Only members with the technician role");
        assertThat(f.threads.subscribers(ticket.id())).containsExactly("discord:id-max");
    }

    @Test
    @DisplayName("a message in a thread that is no ticket's is left alone")
    void otherThreads() {
        assertThat(replies.handle(new ThreadMessageInput("elsewhere", "m1", "id-alice", "alice",
                Set.of(ConsoleFixture.TECH), "hello", List.of())).emoji()).isEmpty();
        assertThat(f.mail.told()).isEmpty();
    }

    private static ThreadMessageInput message(String id, String user, Set<String> roles, String text) {
        return new ThreadMessageInput(THREAD, id, "id-" + user, user, roles, text, List.of());
    }
}

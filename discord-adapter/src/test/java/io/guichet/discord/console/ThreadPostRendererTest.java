package io.guichet.discord.console;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a ticket's thread shows: its title, first post, relayed mail and changes, within Discord's limits. */
class ThreadPostRendererTest {

    private final ConsoleFixture f = new ConsoleFixture();
    private final ThreadPostRenderer renderer = new ThreadPostRenderer();

    @Test
    @DisplayName("the title is '#number · S<severity> · subject', cut to Discord's 100 characters")
    void title() {
        Ticket t = f.open("Agents offline", "2");
        assertThat(renderer.title(t)).isEqualTo(t.number() + " · S2 · Agents offline");

        Ticket long_ = f.open("x".repeat(300), "3");
        assertThat(renderer.title(long_)).hasSize(ThreadPostRenderer.TITLE_LIMIT).startsWith(long_.number() + " · S3 · x");
    }

    @Test
    @DisplayName("R4: the first post carries the intake fields and pings nobody")
    void opening() {
        ThreadPostRenderer.Post post = renderer.opening(f.open("Agents offline", "3"));
        assertThat(post.content()).contains("Server URL: https://vsa.acme.example", "Module: Agents", "Version: VSA 9.5",
                "SN 4711", "Open the console, click Agents", "It stopped working this morning.");
        assertThat(post.pinged()).isEmpty();
        assertThat(post.attachments()).isEmpty();
        assertThat(post.buttons()).extracting(Answer.Button::label).containsExactly("Claim", "Subscribe");
    }

    @Test
    @DisplayName("subscribers are pinged with the holder, once each; staff outside Discord are not")
    void subscribersPinged() {
        Ticket t = f.open("Agents offline", "3");
        f.as("tess", Set.of(ConsoleFixture.TECH), "ticket claim", "ticket", ConsoleFixture.number(t));
        ThreadPostRenderer.Post post = renderer.render(new StaffNotice.ThreadPost(f.ticket(t),
                EventKind.CUSTOMER_MESSAGE, "customer:paul@acme.example", "Still down"),
                java.util.List.of("discord:id-max", "discord:id-tess", "cli:operator"));
        assertThat(post.pinged()).containsExactly("id-tess", "id-max");
        assertThat(post.content()).startsWith("<@id-tess> <@id-max> ");
    }

    @Test
    @DisplayName("the customer's mail pings the technician holding the ticket, only them; a long one is cut with the whole text attached")
    void customerMail() {
        Ticket t = f.open("Agents offline", "3");
        f.as("tess", Set.of(ConsoleFixture.TECH), "ticket claim", "ticket", ConsoleFixture.number(t));
        Ticket held = f.ticket(t);
        String text = "@everyone the agents are down <@999>\n" + "a".repeat(3000);

        ThreadPostRenderer.Post post = renderer.render(new StaffNotice.ThreadPost(held, EventKind.CUSTOMER_MESSAGE,
                "customer:paul@acme.example", text));

        assertThat(post.pinged()).containsExactly("id-tess");
        assertThat(post.content()).startsWith("<@id-tess> **paul@acme.example (customer) wrote:**")
                .doesNotContain("@everyone", "<@999>").hasSizeLessThanOrEqualTo(ThreadPostRenderer.CONTENT_LIMIT);
        assertThat(post.attachments()).singleElement().satisfies(a -> assertThat(new String(a.data(), StandardCharsets.UTF_8))
                .contains("a".repeat(3000)));
    }

    @Test
    @DisplayName("the customer's attachments go with the relayed mail within Discord's 10 MiB per file; a larger one, "
            + "one not kept and one unreadable are named, not uploaded")
    void customerAttachments() {
        Ticket t = f.open("Agents offline", "3");
        byte[] small = "log line".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[(int) ThreadPostRenderer.UPLOAD_LIMIT + 1];
        ThreadPostRenderer.Post post = renderer.render(new StaffNotice.ThreadPost(t, EventKind.CUSTOMER_MESSAGE,
                "customer:paul@acme.example", "See attached", java.util.List.of(
                        new ThreadMessage.StoredAttachment("agent.log", "text/plain", small.length, Optional.of(small)),
                        new ThreadMessage.StoredAttachment("dump.bin", "application/octet-stream", large.length,
                                Optional.of(large)),
                        new ThreadMessage.StoredAttachment("video.mp4", "video/mp4", 50L * 1024 * 1024, Optional.empty()),
                        new ThreadMessage.StoredAttachment("trace.etl", "application/octet-stream", 6L * 1024 * 1024,
                                Optional.empty()),
                        new ThreadMessage.StoredAttachment("broken.pdf", "application/pdf", 10, Optional.empty(),
                                Optional.of("bad base64"))), Optional.empty()));

        assertThat(post.attachments()).extracting(ThreadPostRenderer.Attachment::name).containsExactly("agent.log");
        assertThat(post.attachments().getFirst().data()).isEqualTo(small);
        assertThat(post.content()).contains("Not uploaded", "dump.bin (10.0 MiB, over Discord's 10 MiB per file)",
                "video.mp4 (50.0 MiB", "trace.etl (6.0 MiB, too large for Guichet to keep)",
                "broken.pdf (could not be read)");
    }

    @Test
    @DisplayName("an unclaimed ticket's mail pings nobody; a change says what and who")
    void unclaimedAndChanges() {
        Ticket t = f.open("Agents offline", "3");
        assertThat(renderer.render(new StaffNotice.ThreadPost(t, EventKind.CUSTOMER_MESSAGE,
                "customer:paul@acme.example", "Still down")).pinged()).isEmpty();
        assertThat(renderer.render(new StaffNotice.ThreadPost(t, EventKind.CLAIMED, "staff:discord:42 tess", ""))
                .content()).isEqualTo("**Claimed** by tess");
        assertThat(renderer.render(new StaffNotice.ThreadPost(t, EventKind.RESOLVED, "staff:discord:42 tess",
                "R12c fixed-by-update")).content()).isEqualTo("**Resolved** by tess: R12c fixed-by-update");
    }

    @Test
    @DisplayName("R15, R16, R17: a recorded phone call and a lowered update frequency are posted in the thread")
    void callAndFrequency() {
        Ticket t = f.open("Agents offline", "3");
        assertThat(renderer.render(new StaffNotice.ThreadPost(t, EventKind.PHONE_CALL, "staff:discord:42 tess",
                "Restarted the agent service together")).content())
                .isEqualTo("**Phone call** by tess: Restarted the agent service together");
        assertThat(renderer.render(new StaffNotice.ThreadPost(t, EventKind.UPDATE_INTERVAL_CHANGED,
                "staff:discord:42 tess", "R17: updates every 2 days")).content())
                .isEqualTo("**Update frequency lowered** by tess: R17: updates every 2 days");
    }
}

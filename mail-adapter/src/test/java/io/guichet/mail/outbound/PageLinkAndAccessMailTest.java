package io.guichet.mail.outbound;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.desk.Recipient;
import io.guichet.core.link.PageLinks;
import io.guichet.core.link.TicketLinks;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.core.testing.InMemoryOutbox;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.mail.headers.SubjectTag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.guichet.core.ticket.TicketFixtures.aTicket;
import static org.assertj.core.api.Assertions.assertThat;

/** The page link every mail about a ticket ends with, and the server-access mail the cap never holds back (R7). */
class PageLinkAndAccessMailTest {

    private static final Ticket TICKET = aTicket().number(1042).severity(Severity.S2).status(TicketStatus.OPEN).build();
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final TicketLinks links = new TicketLinks("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            Duration.ofDays(30), clock);
    private final PageLinks pages = new PageLinks(URI.create("https://support.example.com/guichet/"), links);

    private NoticeRenderer renderer(Optional<PageLinks> pages) {
        return new NoticeRenderer(new MailTemplates(), new SubjectTag(SubjectTag.DEFAULT_FORMAT), Duration.ofDays(7), pages);
    }

    @Test
    @DisplayName("each mail about a ticket ends with a fresh signed link to its page, valid for the recipient, in their language")
    void everyMailLinksToThePage() {
        Recipient bob = new Recipient(new EmailAddress("bob@acme.example"), "Bob", Language.FR);
        RenderedMail first = renderer(Optional.of(pages)).render(new CustomerNotice.Escalated(bob, TICKET));
        clock.advance(Duration.ofHours(1));
        RenderedMail second = renderer(Optional.of(pages)).render(new CustomerNotice.Escalated(bob, TICKET));

        String url = first.body().lines().filter(l -> l.contains("https://")).findFirst().orElseThrow();
        assertThat(url).startsWith("Votre ticket en ligne (lien valable jusqu'au 1 avril 2026 à 09:00 UTC) : "
                + "https://support.example.com/guichet/t/");
        String token = url.substring(url.indexOf("/t/") + 3);
        assertThat(links.check(token)).isEqualTo(new TicketLinks.Checked.Valid(new TicketLinks.Grant(TICKET.number(),
                TICKET.accountId(), bob.email(), java.time.Instant.parse("2026-04-01T09:00:00Z"))));
        assertThat(second.body()).as("a fresh link in each mail").doesNotContain(token).contains("/guichet/t/");
        assertThat(renderer(Optional.empty()).render(new CustomerNotice.Escalated(bob, TICKET)).body())
                .as("no pages served: no link").doesNotContain("/t/");
    }

    @Test
    @DisplayName("R12e: a ticket resolved as a feature request links to where requests are submitted: the operator's address, else the knowledge base")
    void featureRequestLink() {
        Recipient bob = new Recipient(new EmailAddress("bob@acme.example"), "Bob", Language.EN);
        CustomerNotice.Resolved feature = new CustomerNotice.Resolved(bob, TICKET,
                io.guichet.core.ticket.ResolutionReason.FEATURE_REQUEST, "", new io.guichet.core.account.AccountManager(
                "Marie", "marie@vendor.example"), new io.guichet.core.ticket.Actor.Staff("tess", "Tess"), Optional.empty());
        assertThat(renderer(Optional.of(pages)).render(feature).body())
                .contains("Submit your feature request here: https://support.example.com/guichet/kb");
        PageLinks withIdeas = new PageLinks(pages.base(), links, Optional.of("https://ideas.example.com/"));
        assertThat(renderer(Optional.of(withIdeas)).render(feature).body())
                .contains("Submit your feature request here: https://ideas.example.com/");
        CustomerNotice.Resolved solved = new CustomerNotice.Resolved(bob, TICKET,
                io.guichet.core.ticket.ResolutionReason.values()[0], "", feature.manager(), feature.by(), Optional.empty());
        assertThat(solved.reason()).isNotEqualTo(io.guichet.core.ticket.ResolutionReason.FEATURE_REQUEST);
        assertThat(renderer(Optional.of(withIdeas)).render(solved).body()).doesNotContain("ideas.example.com");
    }

    @Test
    @DisplayName("R7: the mail telling of an access to the customer's server is sent even when the recipient's cap of automatic mails is reached")
    void accessMailIsNeverCapped() {
        Recipient bob = new Recipient(new EmailAddress("bob@acme.example"), "Bob", Language.EN);
        InMemoryOutbox outbox = new InMemoryOutbox();
        OutboxMessenger messenger = new OutboxMessenger(renderer(Optional.empty()), new InMemoryMailJournal(), outbox,
                new AutoReplyLimits(1, 1, Duration.ofHours(24)), "guichet.example", clock);
        messenger.tellAll(List.of(new CustomerNotice.Escalated(bob, TICKET), new CustomerNotice.Escalated(bob, TICKET)));
        for (int i = 0; i < 3; i++) {
            messenger.tellAll(List.of(new CustomerNotice.ServerAccessed(bob, TICKET, "Alice Martin", clock.instant(),
                    "restarted the agent service " + i)));
        }
        List<OutgoingMail> queued = outbox.claimDue(clock.instant().plusSeconds(1), 20, Duration.ofMinutes(1));
        assertThat(queued.stream().filter(m -> m.body().contains("restarted the agent service"))).hasSize(3);
        assertThat(queued).as("the second escalation notice is held by the cap of 1").hasSize(4);
    }

    @Test
    @DisplayName("R7: asked for the link while the pages are off, the answer gives the access log and promises no link")
    void linkRequestWithThePagesOff() {
        Recipient bob = new Recipient(new EmailAddress("bob@acme.example"), "Bob", Language.EN);
        CustomerNotice.PageLinkAndAccessLog asked = new CustomerNotice.PageLinkAndAccessLog(bob, TICKET, List.of(
                new io.guichet.core.desk.CustomerPages.ServerAccess(clock.instant(), "Alice Martin", "read the logs")));

        String off = renderer(Optional.empty()).render(asked).body();
        assertThat(off).contains("here is the log of the accesses to your server", "Alice Martin: read the logs")
                .doesNotContain("link", "/t/");
        String on = renderer(Optional.of(pages)).render(asked).body();
        assertThat(on).contains("here is the link to the page of ticket", "Alice Martin: read the logs",
                "https://support.example.com/guichet/t/");
        Recipient eve = new Recipient(new EmailAddress("eve@globex.example"), "Eve", Language.FR);
        assertThat(renderer(Optional.empty()).render(new CustomerNotice.PageLinkAndAccessLog(eve, TICKET, List.of()))
                .body()).contains("voici le journal des accès à votre serveur").doesNotContain("lien", "/t/");
    }
}

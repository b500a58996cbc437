package io.guichet.app.web;

import io.guichet.app.config.ConfigReader;
import io.guichet.core.desk.StaffCommand;
import io.guichet.core.link.TicketLinks;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customers' ticket pages at the HTTP level (issue 13): the real server, the real database, the link taken from
 * the mail the desk wrote. Every access rule: the link opens its ticket only, for its account only, until it expires,
 * unaltered; every refusal is the same answer.
 */
class TicketPageIT extends WebPagesFixture {

    @Test
    @DisplayName("the acknowledgement links to the ticket's page: status, severity, fields, the messages, escaped, with the security headers")
    void pageFromTheMailLink() throws Exception {
        Ticket ticket = open(BOB, "Agents <b>offline</b>", "All agents went offline: <script>alert(1)</script> & more");
        HttpResponse<String> page = get(lastLink(BOB));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Ticket " + ticket.number(), "Open, in the queue", "Agents &lt;b&gt;offline&lt;/b&gt;",
                "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", "https://acme.example/server", "4.2",
                "Ticket opened", "From support", "is registered as ticket " + ticket.number())
                .doesNotContain("<script>", "<b>offline");
        assertThat(page.body()).as("the links mailed, each signed for its recipient, are not shown in the messages")
                .contains("/t/…");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "frame-ancestors 'none'").doesNotContain("script-src"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }

    @Test
    @DisplayName("the page is in the contact's language, with a switch to the other one")
    void languages() throws Exception {
        open(EVE, "Console lente", "La console met une minute à s'ouvrir.");
        String link = lastLink(EVE);
        assertThat(get(link).body()).contains("lang=\"fr\"", "Ouvert, dans la file", "Historique", "?lang=en");
        assertThat(get(link + "?lang=en").body()).contains("lang=\"en\"", "Open, in the queue", "History");
    }

    @Test
    @DisplayName("internal notes never reach the page; staff answers and the history do")
    void noInternalNotes() throws Exception {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline.");
        core.desks().staffDesk().handle(new StaffCommand.Note(ALICE, ticket.number(), "customer seems confused, internal only"));
        core.desks().staffDesk().handle(new StaffCommand.Reply(ALICE, ticket.number(), "Please restart the agent service."));
        String body = get(lastLink(BOB)).body();
        assertThat(body).contains("Please restart the agent service.").doesNotContain("internal only");
    }

    @Test
    @DisplayName("R7: every access to the customer's server is on the ticket's page with the technician, date and time")
    void serverAccessesOnThePage() throws Exception {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline.");
        Instant at = clock.instant();
        core.desks().staffDesk().handle(new StaffCommand.RecordServerAccess(ALICE, ticket.number(), "restarted the agent service"));
        String body = get(lastLink(BOB)).body();
        String day = at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(at);
        assertThat(body).contains("Accesses to your server", "<td>Alice Martin</td><td>" + day + "</td><td>" + time
                + "</td><td>restarted the agent service</td>");
    }

    @Test
    @DisplayName("refused alike, logged, no data: another account's ticket, an expired link, an altered link, a guessed number")
    void refusals() throws Exception {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline.");
        String link = lastLink(BOB);
        String base = link.substring(0, link.indexOf("/t/"));
        String token = link.substring(link.indexOf("/t/") + 3);
        TicketLinks links = core.pageLinks().orElseThrow().tickets();

        HttpResponse<String> otherAccount = get(base + "/t/" + links.token(ticket.number(), globex.id(), EVE));
        HttpResponse<String> otherContact = get(base + "/t/" + links.token(ticket.number(), ticket.accountId(), EVE));
        int dot = token.indexOf('.');
        char last = token.charAt(token.length() - 1);
        HttpResponse<String> alteredSignature = get(base + "/t/" + token.substring(0, token.length() - 1)
                + (last == 'A' ? 'B' : 'A'));
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("v1|" + (ticket.number().value() + 1) + "|" + ticket.accountId().value() + "|"
                        + (clock.instant().getEpochSecond() + 3600) + "|" + BOB.value()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> alteredTicket = get(base + "/t/" + otherPayload + token.substring(dot));
        HttpResponse<String> guessed = get(base + "/t/" + ticket.number().value());
        HttpResponse<String> signedExpired = get(base + "/t/" + links.token(new TicketLinks.Grant(ticket.number(),
                ticket.accountId(), BOB, clock.instant().minusSeconds(1))));
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        HttpResponse<String> expired = get(link);

        for (HttpResponse<String> refused : List.of(otherAccount, otherContact, alteredSignature, alteredTicket, guessed,
                signedExpired, expired)) {
            assertThat(refused.statusCode()).as(refused.uri().toString()).isEqualTo(404);
            assertThat(refused.body()).isEqualTo(guessed.body()).contains("Link not valid", "Lien non valable")
                    .doesNotContain("Agents offline", ticket.number().toString());
            assertThat(refused.headers().firstValue("Content-Security-Policy")).isPresent();
        }
    }

    @Test
    @DisplayName("a reply from the page goes through the desk as a mail would: kept in the conversation, audited, answered")
    void replyFromThePage() throws Exception {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline.");
        core.desks().staffDesk().handle(new StaffCommand.Claim(ALICE, ticket.number(), false));
        core.desks().staffDesk().handle(new StaffCommand.Ask(ALICE, ticket.number(), "Which agent version?"));
        String link = lastLink(BOB);
        String page = get(link).body();
        assertThat(page).contains("Waiting for your answer");

        HttpResponse<String> sent = post(link + "/reply", replyForm(page, "Version 4.2.1 <on every host>"),
                Optional.empty());
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("notice=reply.sent"));

        assertThat(events(ticket)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.CUSTOMER_MESSAGE);
            assertThat(e.actor()).isEqualTo(new Actor.Customer(BOB));
            assertThat(e.detail()).contains("Version 4.2.1");
        });
        String after = get(link + "?notice=reply.sent").body();
        assertThat(after).contains("In progress", "Version 4.2.1 &lt;on every host&gt;", "Your message was received");
    }

    @Test
    @DisplayName("a reply without the form's anti-forgery value, or posted from another site, is refused and nothing is kept")
    void forgedReplies() throws Exception {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline.");
        String link = lastLink(BOB);
        String page = get(link).body();
        String form = formToken(page);
        int before = events(ticket).size();

        HttpResponse<String> noToken = post(link + "/reply", Map.of("text", "forged"), Optional.empty());
        HttpResponse<String> wrongToken = post(link + "/reply", Map.of("form", form + "x", "text", "forged"), Optional.empty());
        HttpResponse<String> otherSite = post(link + "/reply", replyForm(page, "forged"),
                Optional.of("https://evil.example"));
        HttpResponse<String> noOnce = post(link + "/reply", Map.of("form", form, "text", "forged"), Optional.empty());
        HttpResponse<String> badLink = post(link.substring(0, link.length() - 2) + "xx/reply",
                Map.of("form", form, "text", "forged"), Optional.empty());

        assertThat(List.of(noToken.statusCode(), wrongToken.statusCode(), otherSite.statusCode(), noOnce.statusCode()))
                .containsOnly(403);
        assertThat(badLink.statusCode()).isEqualTo(404);
        assertThat(events(ticket)).hasSize(before);
        assertThat(get(link).body()).doesNotContain("forged");
    }

    @Test
    @DisplayName("a node with GUICHET_WEB_PORT set serves the pages and its mails link to them; off, neither")
    void nodeServesThePages() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Map<String, String> settings = new HashMap<>(Map.of("GUICHET_SUPPORT_ADDRESS", "support@guichet.test",
                "GUICHET_HTTP_PORT", "off", "GUICHET_WEB_PORT", Integer.toString(port)));
        try (var node = new io.guichet.app.node.GuichetNode(
                ((ConfigReader.Result.Valid) ConfigReader.read(settings)).config(), database, clock)) {
            node.start();
            assertThat(node.webPort()).contains(port);
            assertThat(node.pageLinks().orElseThrow().base()).isEqualTo(URI.create("http://127.0.0.1:" + port));
            assertThat(get("http://127.0.0.1:" + port + "/kb").statusCode()).isEqualTo(200);
        }
        settings.put("GUICHET_WEB_PORT", "off");
        try (var node = new io.guichet.app.node.GuichetNode(
                ((ConfigReader.Result.Valid) ConfigReader.read(settings)).config(), database, clock)) {
            node.start();
            assertThat(node.webPort()).isEmpty();
            assertThat(node.pageLinks()).isEmpty();
        }
    }
}

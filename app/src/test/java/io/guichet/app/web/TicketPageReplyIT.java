package io.guichet.app.web;

import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.desk.StaffCommand;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.web.WebServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies from the ticket's page read as mails are (R5), taken once however often the form is sent, the history's words
 * for every event the customer sees, and the style sheet served once.
 */
class TicketPageReplyIT extends WebPagesFixture {

    /** Bob's request without severity, version, server URL...: it waits for them (R5). */
    private Ticket openIncomplete() {
        IntakeDraft draft = IntakeDraft.empty().with(IntakeField.SUBJECT, "Agents offline")
                .with(IntakeField.DESCRIPTION, "All agents went offline.");
        CustomerOutcome outcome = core.desks().customers().handle(new CustomerCommand.OpenTicket(BOB, "",
                Optional.empty(), draft, false));
        return ((CustomerOutcome.Opened) outcome).ticket();
    }

    private Ticket reread(Ticket ticket) {
        return core.ports().inTransaction(d -> d.tickets().find(ticket.number()))
                .orElseThrow();
    }

    private long messagesFromBob(Ticket ticket, String text) {
        return events(ticket).stream().filter(e -> e.kind() == EventKind.CUSTOMER_MESSAGE
                && e.detail().contains(text)).count();
    }

    @Test
    @DisplayName("R5: a reply from the page giving the missing fields is read as the same words in a mail: the ticket leaves AWAITING_INFO")
    void replyFillsTheMissingFields() throws Exception {
        Ticket ticket = openIncomplete();
        assertThat(ticket.status()).isEqualTo(TicketStatus.AWAITING_INFO);
        String link = lastLink(BOB);
        String page = get(link).body();
        assertThat(page).contains("Waiting for information from you");

        HttpResponse<String> sent = post(link + "/reply", replyForm(page, """
                Here is what was missing: the server is https://acme.example/server.

                Severity: 3
                Version: 4.2.1
                Module: Agents
                Steps to reproduce: open the console after the upgrade
                Affected devices: all agents

                Your ticket online (link valid until tomorrow): %s
                """.formatted(link)), Optional.empty());

        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("notice=reply.sent"));
        Ticket after = reread(ticket);
        assertThat(after.status()).isNotEqualTo(TicketStatus.AWAITING_INFO);
        assertThat(after.severity()).contains(Severity.S3);
        assertThat(after.fields().version()).contains("4.2.1");
        assertThat(after.fields().module()).contains("Agents");
        assertThat(after.fields().serverUrl()).as("the page link of our mail is not the customer's server")
                .contains("https://acme.example/server");
        assertThat(events(ticket)).anySatisfy(e -> assertThat(e.kind()).isEqualTo(EventKind.INTAKE_COMPLETED));
        assertThat(get(link).body()).contains("<span id=\"status\">Open, in the queue</span>", "4.2.1",
                "<span class=\"value\">https://acme.example/server</span>");
    }

    @Test
    @DisplayName("a reply form sent twice (a double click, back and resubmit) is taken once; the second time the page says it was already received")
    void formTakenOnce() throws Exception {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline.");
        String link = lastLink(BOB);
        String page = get(link).body();
        Map<String, String> form = replyForm(page, "The agents are back on two hosts.");

        HttpResponse<String> first = post(link + "/reply", form, Optional.empty());
        HttpResponse<String> again = post(link + "/reply", form, Optional.empty());

        assertThat(first.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("notice=reply.sent"));
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .contains("notice=reply.already"));
        assertThat(messagesFromBob(ticket, "back on two hosts")).isEqualTo(1);
        assertThat(get(link + "?notice=reply.already").body()).contains("This message was already received");
        assertThat(get(link + "?notice=reply.already&lang=fr").body()).contains("Ce message a déjà été reçu");

        // sent at the same moment from two tabs: one is taken
        Map<String, String> twice = replyForm(get(link).body(), "Sent from two tabs at once.");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> posts = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return post(link + "/reply", twice, Optional.empty());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        go.countDown();
        List<String> notices = posts.stream().map(CompletableFuture::join)
                .map(r -> r.headers().firstValue("Location").orElse("")).toList();
        assertThat(notices).anySatisfy(l -> assertThat(l).contains("notice=reply.sent"))
                .anySatisfy(l -> assertThat(l).contains("notice=reply.already"));
        assertThat(messagesFromBob(ticket, "two tabs at once")).isEqualTo(1);

        // a new form (the page opened again) is a new message
        post(link + "/reply", replyForm(get(link).body(), "The agents are back on two hosts."), Optional.empty());
        assertThat(messagesFromBob(ticket, "back on two hosts")).isEqualTo(2);
    }

    @Test
    @DisplayName("R17, R15: a phone call and a lowered update frequency are in the history in the customer's words, in both languages")
    void everyShownEventHasWords() throws Exception {
        Ticket ticket = open(BOB, "Agents offline", "All agents went offline.");
        core.desks().staffDesk().handle(new StaffCommand.Claim(ALICE, ticket.number(), false));
        core.desks().staffDesk().handle(new StaffCommand.RecordCall(ALICE, ticket.number(),
                "Called Bob: the agents restart", IntakeDraft.empty()));
        core.desks().staffDesk().handle(new StaffCommand.LowerUpdateFrequency(ALICE, ticket.number(),
                Duration.ofDays(60), "Bob asked for fewer updates"));
        core.desks().staffDesk().handle(new StaffCommand.Note(ALICE, ticket.number(), "internal only"));
        assertThat(events(ticket)).extracting(e -> e.kind())
                .contains(EventKind.PHONE_CALL, EventKind.UPDATE_INTERVAL_CHANGED, EventKind.NOTE);
        String link = lastLink(BOB);

        String en = get(link + "?lang=en").body();
        String fr = get(link + "?lang=fr").body();
        assertThat(en).contains("Phone call with support", "Update frequency changed");
        assertThat(fr).contains("Appel téléphonique avec le support", "Fréquence des nouvelles modifiée");
        for (String body : List.of(en, fr)) {
            String history = body.substring(body.indexOf("id=\"history\""), body.indexOf("id=\"reply\""));
            for (EventKind kind : EventKind.values()) {
                assertThat(history).as("no raw kind").doesNotContain(">" + kind.name() + "<", "event.");
            }
            assertThat(body).doesNotContain("internal only");
        }
    }

    @Test
    @DisplayName("the style sheet is served once under a cacheable name; a 404 page takes it from the public base URL, behind a proxy's prefix")
    void styleSheetServedOnce() throws Exception {
        String link = lastLinkAfterOpening();
        String page = get(link).body();
        Matcher sheet = Pattern.compile("href=\"\\.\\./(style-[0-9a-f]{10}\\.css)\"").matcher(page);
        assertThat(sheet.find()).as("the page links the sheet by its versioned name").isTrue();
        assertThat(page).doesNotContain("<style");
        String base = link.substring(0, link.indexOf("/t/"));

        HttpResponse<String> css = get(base + "/" + sheet.group(1));
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(css.body()).isNotBlank();
        assertThat(get(base + "/kb").body()).contains("href=\"" + sheet.group(1) + "\"");

        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (WebServer proxied = WebServer.start(InetAddress.getLoopbackAddress(), port, core.desks(),
                core.pageLinks().orElseThrow().tickets(), URI.create("https://support.example.com/guichet/"))) {
            HttpResponse<String> missing = get("http://127.0.0.1:" + port + "/no/such/page/here");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("href=\"https://support.example.com/guichet/" + sheet.group(1) + "\"");
        }
    }

    private String lastLinkAfterOpening() {
        open(BOB, "Agents offline", "All agents went offline.");
        return lastLink(BOB);
    }
}

package io.guichet.web;

import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerPages;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketFields;
import io.guichet.core.ticket.TicketStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static io.guichet.web.Html.text;

/** The HTML of the customers' pages: plain markup, one style sheet, no script. */
final class TicketPageHtml {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private TicketPageHtml() {
    }

    /** A whole page; {@code stylePath} is relative to the page (the pages work under any prefix of a proxy). */
    static String layout(Language lang, String title, String stylePath, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + PageTexts.of(lang).get("lang") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>" + text(title) + "</title><link rel=\"stylesheet\" href=\"" + stylePath + "\"></head>\n<body>"
                + body + "</body></html>\n";
    }

    /** The same answer for every refused link, in both languages: it tells nothing about the ticket. */
    static String refused(String stylePath) {
        return layout(Language.EN, "Link not valid / Lien non valable", stylePath,
                "<main><h1>Link not valid</h1><p>This link is not valid or has expired. Every mail about your ticket "
                        + "brings a fresh link; to get one now, send a mail with the subject <code>link</code> and your "
                        + "ticket's tag.</p><h1 lang=\"fr\">Lien non valable</h1><p lang=\"fr\">Ce lien n'est pas valable "
                        + "ou a expiré. Chaque courriel sur votre ticket apporte un nouveau lien ; pour en avoir un "
                        + "maintenant, envoyez un courriel avec pour objet <code>lien</code> et l'étiquette de votre "
                        + "ticket.</p></main>");
    }

    /** A page about a form refused for another reason than the link (its anti-forgery value). */
    static String message(Language lang, String stylePath, String key) {
        PageTexts t = PageTexts.of(lang);
        return layout(lang, t.get(key), stylePath, "<main><p class=\"notice\">" + text(t.get(key)) + "</p></main>");
    }

    /**
     * The ticket's page. {@code token}: the link's token, for the reply form and the language switch (relative);
     * {@code once}: the form's one-time value (the same form sent twice is taken once); {@code notice}: a key of a line
     * to show above the form (a reply sent, refused...).
     */
    static String ticket(CustomerPages.TicketPage page, Language lang, String token, String formToken, String once,
                         Optional<String> notice) {
        PageTexts t = PageTexts.of(lang);
        Ticket ticket = page.ticket();
        Language other = lang == Language.FR ? Language.EN : Language.FR;
        StringBuilder b = new StringBuilder();
        b.append("<header><nav><a href=\"").append(text(token)).append("?lang=").append(PageTexts.of(other).get("lang"))
                .append("\" hreflang=\"").append(PageTexts.of(other).get("lang")).append("\">")
                .append(text(t.get("other"))).append("</a></nav>");
        b.append("<h1>").append(text(t.get("ticket"))).append(' ').append(text(ticket.number().toString()));
        if (!ticket.fields().subject().isBlank()) {
            b.append(" — ").append(text(ticket.fields().subject()));
        }
        b.append("</h1></header><main>");
        notice.ifPresent(key -> b.append("<p class=\"notice\" id=\"notice\">").append(text(t.get(key))).append("</p>"));

        b.append("<dl class=\"summary\">");
        item(b, t.get("status"), "<span id=\"status\">" + text(t.get("status." + ticket.status().name())) + "</span>");
        item(b, t.get("severity"), "<span id=\"severity\">" + text(ticket.severity()
                .map(s -> Integer.toString(s.level())).orElse(t.get("severity.none"))) + "</span>");
        item(b, t.get("opened"), text(MOMENT.format(ticket.createdAt())));
        item(b, t.get("updated"), text(MOMENT.format(ticket.updatedAt())));
        if (ticket.escalated()) {
            item(b, t.get("escalated"), "✓");
        }
        b.append("</dl>");

        TicketFields f = ticket.fields();
        b.append("<section id=\"fields\"><h2>").append(text(t.get("fields"))).append("</h2><dl>");
        field(b, t.get("field.subject"), Optional.of(f.subject()));
        field(b, t.get("field.description"), Optional.of(f.description()));
        field(b, t.get("field.serverUrl"), f.serverUrl());
        field(b, t.get("field.module"), f.module());
        field(b, t.get("field.version"), f.version());
        field(b, t.get("field.steps"), f.stepsToReproduce());
        field(b, t.get("field.devices"), f.affectedDevices());
        b.append("</dl></section>");

        b.append("<section id=\"messages\"><h2>").append(text(t.get("messages"))).append("</h2>");
        if (page.messages().isEmpty()) {
            b.append("<p>").append(text(t.get("messages.none"))).append("</p>");
        }
        for (ThreadMessage m : page.messages()) {
            boolean in = m.direction() == ThreadMessage.Direction.IN;
            b.append("<article class=\"message ").append(in ? "in" : "out").append("\"><h3>")
                    .append(text(t.get(in ? "from.customer" : "from.support")))
                    .append(in ? " (" + text(m.sender()) + ")" : "")
                    .append(" — <time>").append(text(MOMENT.format(m.at()))).append("</time></h3>")
                    .append("<p class=\"subject\">").append(text(m.subject())).append("</p>")
                    .append("<pre>").append(text(withoutPageLinks(m.body()).strip())).append("</pre>");
            if (!m.attachments().isEmpty()) {
                b.append("<p>").append(text(t.get("attachments"))).append(":</p><ul class=\"attachments\">");
                m.attachments().forEach(a -> b.append("<li>").append(text(a.filename())).append("</li>"));
                b.append("</ul>");
            }
            b.append("</article>");
        }
        b.append("</section>");

        b.append("<section id=\"accesses\"><h2>").append(text(t.get("accesses"))).append("</h2>");
        if (page.serverAccesses().isEmpty()) {
            b.append("<p>").append(text(t.get("accesses.none"))).append("</p>");
        } else {
            b.append("<table><thead><tr><th>").append(text(t.get("technician"))).append("</th><th>")
                    .append(text(t.get("date"))).append("</th><th>").append(text(t.get("time"))).append("</th><th>")
                    .append(text(t.get("what"))).append("</th></tr></thead><tbody>");
            for (CustomerPages.ServerAccess a : page.serverAccesses()) {
                b.append("<tr><td>").append(text(a.technician())).append("</td><td>").append(DAY.format(a.at()))
                        .append("</td><td>").append(TIME.format(a.at())).append("</td><td>").append(text(a.detail()))
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("</section>");

        b.append("<section id=\"history\"><h2>").append(text(t.get("history"))).append("</h2><table><thead><tr><th>")
                .append(text(t.get("date"))).append("</th><th>").append(text(t.get("what"))).append("</th><th>")
                .append(text(t.get("status"))).append("</th><th>").append(text(t.get("who")))
                .append("</th></tr></thead><tbody>");
        for (CustomerPages.HistoryLine h : page.history()) {
            b.append("<tr><td>").append(text(MOMENT.format(h.at()))).append("</td><td>")
                    .append(text(t.event(h.kind()))).append("</td><td>")
                    .append(h.to().map(s -> text(t.get("status." + s))).orElse("")).append("</td><td>")
                    .append(text(t.get("who." + h.who()))).append("</td></tr>");
        }
        b.append("</tbody></table></section>");

        b.append("<section id=\"reply\"><h2>").append(text(t.get("reply"))).append("</h2>");
        if (ticket.status() == TicketStatus.CLOSED) {
            b.append("<p>").append(text(t.get("reply.closed"))).append("</p>");
        }
        b.append("<form method=\"post\" action=\"").append(text(token)).append("/reply?lang=").append(t.get("lang"))
                .append("\"><input type=\"hidden\" name=\"form\" value=\"").append(text(formToken)).append("\">")
                .append("<input type=\"hidden\" name=\"once\" value=\"").append(text(once)).append("\">")
                .append("<p><label for=\"text\">").append(text(t.get("reply.text"))).append("</label><br>")
                .append("<textarea id=\"text\" name=\"text\" rows=\"8\" cols=\"80\" maxlength=\"20000\" required></textarea></p>")
                .append("<p><input type=\"checkbox\" id=\"escalate\" name=\"escalate\" value=\"yes\"> <label for=\"escalate\">")
                .append(text(t.get("reply.escalate"))).append("</label></p>")
                .append("<p><button type=\"submit\" id=\"send\">").append(text(t.get("reply.send")))
                .append("</button></p></form></section></main>");
        return layout(lang, t.get("ticket") + " " + ticket.number(), "../" + StyleSheet.NAME, b.toString());
    }

    private static void item(StringBuilder b, String label, String html) {
        b.append("<dt>").append(text(label)).append("</dt><dd>").append(html).append("</dd>");
    }

    private static void field(StringBuilder b, String label, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> item(b, label, "<span class=\"value\">" + text(v) + "</span>"));
    }

    static String moment(Instant at) {
        return MOMENT.format(at);
    }

    /**
     * A mail's text without the signed page links it carried: each was signed for its own recipient, and another
     * contact of the account reading this page must not be able to act as them.
     */
    static String withoutPageLinks(String body) {
        return PAGE_LINK.matcher(body).replaceAll("/t/…");
    }

    private static final java.util.regex.Pattern PAGE_LINK = java.util.regex.Pattern.compile("/t/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
}

package io.guichet.core.link;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.ticket.Ticket;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The public addresses of the customers' web pages, under the operator's base URL (the address customers reach,
 * usually through a reverse proxy): a ticket's page behind a fresh signed token.
 */
public record PageLinks(URI base, TicketLinks tickets, Optional<String> featureRequests) {

    public PageLinks(URI base, TicketLinks tickets) {
        this(base, tickets, Optional.empty());
    }

    public PageLinks {
        String text = base.toString();
        if (!(text.startsWith("http://") || text.startsWith("https://"))) {
            throw new IllegalArgumentException("the web base URL is http:// or https://, not " + text);
        }
        if (text.endsWith("/")) {
            base = URI.create(text.substring(0, text.length() - 1));
        }
    }

    /** A link to {@code ticket}'s page for the contact {@code to}, and until when it works. */
    public record Link(String url, Instant expires) {
    }

    /**
     * R12e: where customers submit feature requests: the operator's address, else the knowledge base's page, where
     * the resolution's explanation says requests are collected.
     */
    public String featureRequestsPage() {
        return featureRequests.orElse(base + "/kb");
    }

    /** The page of the knowledge-base article {@code slug} (R19). */
    public String article(String slug) {
        return base + "/kb/" + java.net.URLEncoder.encode(slug, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A fresh link to {@code ticket}'s page for {@code to}. */
    public Link ticketPage(Ticket ticket, EmailAddress to) {
        String token = tickets.token(ticket.number(), ticket.accountId(), to);
        TicketLinks.Checked checked = tickets.check(token);
        Instant expires = checked instanceof TicketLinks.Checked.Valid v ? v.grant().expires() : Instant.EPOCH;
        return new Link(base + "/t/" + token, expires);
    }
}

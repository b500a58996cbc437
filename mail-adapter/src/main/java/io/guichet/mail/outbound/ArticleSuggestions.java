package io.guichet.mail.outbound;

import io.guichet.core.account.Language;
import io.guichet.core.ticket.Ticket;

import java.util.List;

/**
 * R19: the knowledge-base articles an acknowledgement suggests for a new ticket, with the addresses of their pages
 * (the composition root answers from the knowledge base's full-text search, above a relevance threshold).
 */
@FunctionalInterface
public interface ArticleSuggestions {

    record Suggested(String title, String url) {
    }

    List<Suggested> forRequest(Ticket ticket, Language language);
}

package io.guichet.core.desk;

import io.guichet.core.account.Language;
import io.guichet.core.audit.AuditEvent;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.kb.Article;
import io.guichet.core.kb.KnowledgeBase;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.ticket.Actor;

import java.util.List;

/** The knowledge base's use cases (R19): articles saved by staff (audited), searched by anyone. */
public final class KnowledgeDesk {

    private final DeskPorts ports;
    private final PerTransaction<KnowledgeBase> articles;

    public KnowledgeDesk(DeskPorts ports, PerTransaction<KnowledgeBase> articles) {
        this.ports = ports;
        this.articles = articles;
    }

    /** Saves every article (a new slug adds one, a known slug replaces it) in one transaction; returns the count held. */
    public int save(Actor.Staff by, List<Article> saved) {
        return ports.inTransaction(desk -> {
            for (Article article : saved) {
                articles.in(desk.tx()).save(article);
                desk.audit().append(new AuditEvent(ports.clock().instant(), by, AuditKind.ARTICLE_SAVED,
                        "article " + article.slug(), article.language().code() + ": " + article.title()));
            }
            return articles.in(desk.tx()).count();
        });
    }

    /** R19: the best matches among articles in {@code language}, best first. */
    public List<Article> search(String text, Language language, int limit) {
        return ports.inTransaction(desk -> articles.in(desk.tx()).search(text, language, limit));
    }

    /** An article's page (issue 13: the knowledge base on the web). */
    public java.util.Optional<Article> article(String slug) {
        return ports.inTransaction(desk -> articles.in(desk.tx()).find(slug));
    }

    /** R19: the relevance an article must reach to be suggested in an acknowledgement. */
    public static final double SUGGESTION_THRESHOLD = 0.05;
    /** R19: at most this many suggestions. */
    public static final int SUGGESTIONS = 3;

    /** R19: the articles worth suggesting for a request's subject and description, in its language. */
    public List<Article> suggestions(String subjectAndDescription, Language language) {
        if (subjectAndDescription.isBlank()) {
            return List.of();
        }
        return ports.inTransaction(desk -> articles.in(desk.tx()).suggest(subjectAndDescription, language, SUGGESTIONS,
                SUGGESTION_THRESHOLD));
    }

    public int count() {
        return ports.inTransaction(desk -> articles.in(desk.tx()).count());
    }
}

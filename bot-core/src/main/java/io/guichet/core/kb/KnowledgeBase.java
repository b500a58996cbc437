package io.guichet.core.kb;

import io.guichet.core.account.Language;

import java.util.List;
import java.util.Optional;

/** The knowledge base: articles customers are pointed to, searchable in French and English. */
public interface KnowledgeBase {

    /** Adds the article, or replaces the one with the same slug. */
    void save(Article article);

    /** The best matches for {@code text} among articles in {@code language}, best first. */
    List<Article> search(String text, Language language, int limit);

    int count();

    /** The article with this slug. */
    Optional<Article> find(String slug);

    /**
     * R19: at most {@code limit} articles in {@code language} relevant to a request's {@code text} (any of its words
     * may match, unlike {@link #search}), best first, only those whose relevance reaches {@code threshold} (0 to 1;
     * the store's own scale, documented with it).
     */
    List<Article> suggest(String text, Language language, int limit, double threshold);
}

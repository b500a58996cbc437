package io.guichet.core.kb;

import io.guichet.core.account.Language;

import java.util.List;

/** The knowledge base: articles customers are pointed to, searchable in French and English. */
public interface KnowledgeBase {

    /** Adds the article, or replaces the one with the same slug. */
    void save(Article article);

    /** The best matches for {@code text} among articles in {@code language}, best first. */
    List<Article> search(String text, Language language, int limit);

    int count();
}

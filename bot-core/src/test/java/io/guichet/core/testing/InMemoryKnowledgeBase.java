package io.guichet.core.testing;

import io.guichet.core.account.Language;
import io.guichet.core.kb.Article;
import io.guichet.core.kb.KnowledgeBase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link KnowledgeBase} in memory: an article matches when its title or body contains every word searched. */
public final class InMemoryKnowledgeBase implements KnowledgeBase {

    private final Map<String, Article> articles = new LinkedHashMap<>();

    @Override
    public synchronized void save(Article article) {
        articles.put(article.slug(), article);
    }

    @Override
    public synchronized List<Article> search(String text, Language language, int limit) {
        List<String> words = List.of(text.toLowerCase(Locale.ROOT).split("\\W+"));
        return articles.values().stream().filter(a -> a.language() == language)
                .filter(a -> words.stream().allMatch(w -> (a.title() + " " + a.body()).toLowerCase(Locale.ROOT).contains(w)))
                .limit(limit).toList();
    }

    @Override
    public synchronized int count() {
        return articles.size();
    }
}

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
    public synchronized java.util.Optional<Article> find(String slug) {
        return java.util.Optional.ofNullable(articles.get(slug));
    }

    /** Relevance here: the share of the text's words (4 letters or more) found in the article. */
    @Override
    public synchronized List<Article> suggest(String text, Language language, int limit, double threshold) {
        List<String> words = java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\W+"))
                .filter(w -> w.length() >= 4).distinct().toList();
        if (words.isEmpty()) {
            return List.of();
        }
        return articles.values().stream().filter(a -> a.language() == language)
                .map(a -> java.util.Map.entry(a, words.stream().filter(w -> (a.title() + " " + a.body())
                        .toLowerCase(Locale.ROOT).contains(w)).count() / (double) words.size()))
                .filter(e -> e.getValue() > 0 && e.getValue() >= threshold)
                .sorted(java.util.Map.Entry.<Article, Double>comparingByValue().reversed())
                .limit(limit).map(java.util.Map.Entry::getKey).toList();
    }

    @Override
    public synchronized int count() {
        return articles.size();
    }
}

package io.guichet.core.testing;

import io.guichet.core.port.SnippetStore;
import io.guichet.core.snippet.Snippet;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** {@link SnippetStore} in memory, by name. */
public final class InMemorySnippetStore implements SnippetStore {

    private final TreeMap<String, Snippet> snippets = new TreeMap<>();

    @Override
    public synchronized Optional<Snippet> save(Snippet snippet) {
        return Optional.ofNullable(snippets.put(snippet.name(), snippet));
    }

    @Override
    public synchronized Optional<Snippet> remove(String name) {
        return Optional.ofNullable(snippets.remove(name));
    }

    @Override
    public synchronized Optional<Snippet> find(String name) {
        return Optional.ofNullable(snippets.get(name));
    }

    @Override
    public synchronized List<Snippet> all() {
        return List.copyOf(snippets.values());
    }
}

package io.guichet.core.port;

import io.guichet.core.snippet.Snippet;

import java.util.List;
import java.util.Optional;

/** The saved replies. Every method joins the caller's transaction. */
public interface SnippetStore {

    /** Saves {@code snippet}, replacing the one of the same name; returns the one replaced. */
    Optional<Snippet> save(Snippet snippet);

    /** Removes the snippet named {@code name}; returns it, or empty when there was none. */
    Optional<Snippet> remove(String name);

    Optional<Snippet> find(String name);

    /** Every snippet, by name. */
    List<Snippet> all();
}

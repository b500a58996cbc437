package io.guichet.core.testing;

import io.guichet.core.port.SnippetStore;
import io.guichet.core.snippet.Snippet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link SnippetStore}, run against every backend. */
public abstract class SnippetStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private SnippetStore store;

    /** A fresh, empty store. */
    protected abstract SnippetStore store();

    @BeforeEach
    void setUpStore() {
        store = store();
    }

    @Test
    @DisplayName("a saved reply comes back as saved, multi-line text and all; the list is by name")
    void saveFindList() {
        Snippet reinstall = new Snippet("agent-reinstall", "Please reinstall the agent:\n1. uninstall\n2. install 9.5.1",
                "staff:discord:2 max", T0);
        Snippet logs = new Snippet("ask-logs", "Could you send the agent's log?", "staff:discord:2 max", T0.plusSeconds(1));
        assertThat(store.save(reinstall)).isEmpty();
        assertThat(store.save(logs)).isEmpty();

        assertThat(store.find("agent-reinstall")).contains(reinstall);
        assertThat(store.find("nothing")).isEmpty();
        assertThat(store.all()).containsExactly(reinstall, logs);
    }

    @Test
    @DisplayName("saving under a name taken replaces its text and gives back the one replaced")
    void replace() {
        Snippet first = new Snippet("ask-logs", "Send the log.", "staff:discord:2 max", T0);
        Snippet second = new Snippet("ask-logs", "Could you send the agent's log?", "staff:discord:3 mia", T0.plusSeconds(5));
        store.save(first);

        assertThat(store.save(second)).contains(first);
        assertThat(store.all()).containsExactly(second);
    }

    @Test
    @DisplayName("removing gives back the one removed, once; a name never saved removes nothing")
    void remove() {
        Snippet logs = new Snippet("ask-logs", "Send the log.", "staff:discord:2 max", T0);
        store.save(logs);

        assertThat(store.remove("ask-logs")).contains(logs);
        assertThat(store.remove("ask-logs")).isEmpty();
        assertThat(store.remove("never-saved")).isEmpty();
        assertThat(store.all()).isEmpty();
    }
}

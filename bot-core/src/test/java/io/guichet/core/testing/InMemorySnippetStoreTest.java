package io.guichet.core.testing;

import io.guichet.core.port.SnippetStore;


class InMemorySnippetStoreTest extends SnippetStoreContract {

    @Override
    protected SnippetStore store() {
        return new InMemorySnippetStore();
    }

}

package io.guichet.core.testing;

import io.guichet.core.port.SnippetStore;

import java.util.function.Supplier;

class InMemorySnippetStoreTest extends SnippetStoreContract {

    @Override
    protected SnippetStore store() {
        return new InMemorySnippetStore();
    }

    @Override
    protected <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}

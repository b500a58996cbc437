package io.guichet.core.testing;

/** The storage contract on the in-memory fakes. */
class InMemoryStorageTest extends StorageContract {

    @Override
    protected Stores stores() {
        return Stores.inMemory();
    }
}

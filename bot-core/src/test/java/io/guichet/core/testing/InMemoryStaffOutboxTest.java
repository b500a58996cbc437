package io.guichet.core.testing;

import io.guichet.core.port.StaffOutbox;

/** The staff outbox contract on the in-memory fake. */
class InMemoryStaffOutboxTest extends StaffOutboxContract {

    @Override
    protected Stores stores() {
        return Stores.inMemory();
    }

    @Override
    protected StaffOutbox outbox(Stores stores) {
        return new InMemoryStaffOutbox(() -> T0);
    }
}

package io.guichet.mail;

import io.guichet.core.mail.Quarantine;
import io.guichet.core.port.TicketStore;
import io.guichet.core.ticket.NewTicket;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.mail.inbound.MailHandler;
import io.guichet.mail.inbound.MailHandlerContract;
import io.guichet.mail.testing.FailingProxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.function.Supplier;

/**
 * The handler contract on PostgreSQL: the real intake and desk, the failure injected where the desk stores a new
 * ticket (the transaction has recorded the receipt by then, and must roll it back). Each {@link #handler()} is a new
 * channel on the same database, as after a restart.
 */
@ExtendWith(PostgresExtension.class)
class PostgresMailIntakeIT extends MailHandlerContract {

    private Database database;
    private volatile String marker = "\u0000never";
    private volatile Supplier<? extends Throwable> failure = IllegalStateException::new;

    @BeforeEach
    void wire(Database database) {
        this.database = database;
    }

    @Override
    protected MailHandler handler() {
        return new MailChannel(database, java.util.function.UnaryOperator.identity(), tickets -> FailingProxy.around(TicketStore.class, tickets, "create",
                args -> ((NewTicket) args[0]).request().fields().subject().contains(marker), () -> failure.get())).intake;
    }

    @Override
    protected void failWhenSubjectContains(String marker, Supplier<? extends Throwable> failure) {
        this.failure = failure;
        this.marker = marker;
    }

    @Override
    protected Quarantine quarantine() {
        return new io.guichet.db.JooqQuarantine(database.transactions().autoCommit());
    }
}

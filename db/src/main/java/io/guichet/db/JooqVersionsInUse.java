package io.guichet.db;

import io.guichet.core.account.AccountId;
import io.guichet.core.port.VersionsInUse;

import java.util.List;

import static io.guichet.db.jooq.Tables.TICKETS;

/** {@link VersionsInUse} on PostgreSQL: the distinct account and version texts of tickets. */
public final class JooqVersionsInUse implements VersionsInUse {

    private final JooqSession db;

    public JooqVersionsInUse(JooqSession db) {
        this.db = db;
    }

    @Override
    public List<Use> list() {
        return db.dsl().selectDistinct(TICKETS.ACCOUNT_ID, TICKETS.PRODUCT_VERSION).from(TICKETS)
                .where(TICKETS.PRODUCT_VERSION.isNotNull())
                .orderBy(TICKETS.ACCOUNT_ID, TICKETS.PRODUCT_VERSION)
                .fetch(r -> new Use(new AccountId(r.value1()), r.value2()));
    }
}

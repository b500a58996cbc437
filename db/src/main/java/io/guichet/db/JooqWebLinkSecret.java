package io.guichet.db;

import java.security.SecureRandom;

import static io.guichet.db.jooq.Tables.WEB_LINK_SECRET;

/**
 * The secret of the customers' web page links, stored once: the first caller generates 32 random bytes and keeps
 * them; later callers, on any node, read the same ones (a race between two first callers keeps one of them).
 */
public final class JooqWebLinkSecret {

    private final JooqSession db;

    public JooqWebLinkSecret(JooqSession db) {
        this.db = db;
    }

    /** The stored secret, generated and stored first when there is none. */
    public byte[] secret() {
        return db.atomically(s -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            s.dsl().insertInto(WEB_LINK_SECRET).set(WEB_LINK_SECRET.SECRET, fresh)
                    .onConflictDoNothing().execute();
            return s.dsl().select(WEB_LINK_SECRET.SECRET).from(WEB_LINK_SECRET).fetchSingle().value1();
        });
    }
}

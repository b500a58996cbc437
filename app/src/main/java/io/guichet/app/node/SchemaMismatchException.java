package io.guichet.app.node;

import io.guichet.db.SchemaState;

/**
 * The database's schema is not the one this build works with, and only {@code guichet migrate} (or {@code run}, or a
 * newer release) can fix that. The message is one line saying which and what to do.
 */
public final class SchemaMismatchException extends RuntimeException {

    SchemaMismatchException(String message) {
        super(message, null, false, false);
    }

    /** The refusal for {@code state}, or empty when the schema is the one this build knows. */
    static java.util.Optional<SchemaMismatchException> of(SchemaState state) {
        return switch (state) {
            case SchemaState.Current current -> java.util.Optional.empty();
            case SchemaState.Missing missing -> java.util.Optional.of(missing());
            case SchemaState.Older older -> java.util.Optional.of(new SchemaMismatchException("schema at version "
                    + older.current() + ", this Guichet needs " + older.known() + ": run 'guichet migrate'"));
            case SchemaState.Newer newer -> java.util.Optional.of(newer(newer));
        };
    }

    static SchemaMismatchException missing() {
        return new SchemaMismatchException("this database has no Guichet schema: run 'guichet migrate'"
                + " (or 'guichet run') first");
    }

    static SchemaMismatchException newer(SchemaState.Newer newer) {
        return new SchemaMismatchException("schema at version " + newer.current() + " is newer than this Guichet ("
                + newer.known() + "): use the newer release");
    }
}

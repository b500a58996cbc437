package io.guichet.db;

/**
 * Where a database's schema stands against the migrations this build carries: none applied, behind them, at the
 * same version, or migrated by a newer build (a migration applied that this build does not have).
 */
public sealed interface SchemaState {

    /** The latest migration this build carries, e.g. {@code 12}. */
    String known();

    /** No Guichet migration was ever applied to this database. */
    record Missing(String known) implements SchemaState {
    }

    /** Migrations of this build are still to apply. */
    record Older(String current, String known) implements SchemaState {
    }

    /** Every migration of this build is applied, and no other. */
    record Current(String known) implements SchemaState {
    }

    /** A migration this build does not know was applied: a newer Guichet migrated it. */
    record Newer(String current, String known) implements SchemaState {
    }
}

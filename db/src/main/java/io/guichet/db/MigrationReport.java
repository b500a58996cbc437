package io.guichet.db;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Database#migrate()} did.
 *
 * @param applied       the migrations applied by this call, in order; empty when the schema was up to date
 * @param schemaVersion the schema's version after the call; empty when the database holds no migration at all
 */
public record MigrationReport(List<AppliedMigration> applied, Optional<String> schemaVersion) {

    public MigrationReport {
        applied = List.copyOf(applied);
    }
}

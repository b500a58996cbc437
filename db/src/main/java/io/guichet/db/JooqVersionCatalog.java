package io.guichet.db;

import io.guichet.core.port.VersionCatalog;
import io.guichet.core.version.ProductVersion;
import io.guichet.db.jooq.tables.records.ProductVersionsRecord;

import java.util.List;
import java.util.Optional;

import static io.guichet.db.jooq.Tables.PRODUCT_VERSIONS;

/** {@link VersionCatalog} on PostgreSQL. */
public final class JooqVersionCatalog implements VersionCatalog {

    private final JooqSession db;

    public JooqVersionCatalog(JooqSession db) {
        this.db = db;
    }

    @Override
    public Optional<ProductVersion> add(ProductVersion version) {
        return db.dsl().insertInto(PRODUCT_VERSIONS)
                .set(PRODUCT_VERSIONS.PRODUCT, version.product())
                .set(PRODUCT_VERSIONS.VERSION, version.version())
                .set(PRODUCT_VERSIONS.RELEASED_ON, version.releasedOn())
                .set(PRODUCT_VERSIONS.ON_PREMISE, version.onPremise())
                .set(PRODUCT_VERSIONS.RETIRED_ON, version.retiredOn().orElse(null))
                .onConflictDoNothing()
                .returning()
                .fetchOptional(JooqVersionCatalog::version);
    }

    @Override
    public List<ProductVersion> all() {
        return db.dsl().selectFrom(PRODUCT_VERSIONS).orderBy(PRODUCT_VERSIONS.PRODUCT, PRODUCT_VERSIONS.RELEASED_ON)
                .fetch(JooqVersionCatalog::version);
    }

    private static ProductVersion version(ProductVersionsRecord r) {
        return new ProductVersion(r.getProduct(), r.getVersion(), r.getReleasedOn(), r.getOnPremise(),
                Optional.ofNullable(r.getRetiredOn()));
    }
}

package io.guichet.core.testing;

import io.guichet.core.port.VersionCatalog;
import io.guichet.core.version.ProductVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link VersionCatalog} in memory. */
public final class InMemoryVersionCatalog implements VersionCatalog {

    private final List<ProductVersion> versions = new ArrayList<>();

    @Override
    public synchronized Optional<ProductVersion> add(ProductVersion version) {
        boolean taken = versions.stream().anyMatch(v -> v.product().equals(version.product())
                && v.version().equals(version.version()));
        if (taken) {
            return Optional.empty();
        }
        versions.add(version);
        return Optional.of(version);
    }

    @Override
    public synchronized List<ProductVersion> all() {
        return List.copyOf(versions);
    }
}

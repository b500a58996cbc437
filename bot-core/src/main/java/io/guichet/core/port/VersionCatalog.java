package io.guichet.core.port;

import io.guichet.core.version.ProductVersion;

import java.util.List;
import java.util.Optional;

/** The released product versions (R20). */
public interface VersionCatalog {

    /** The new version, or empty when that product already has that version. */
    Optional<ProductVersion> add(ProductVersion version);

    List<ProductVersion> all();
}

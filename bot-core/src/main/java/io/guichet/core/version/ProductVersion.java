package io.guichet.core.version;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A released version of a product (R20). {@code retiredOn} is the announced end of the whole product line.
 */
public record ProductVersion(String product, String version, LocalDate releasedOn, boolean onPremise,
                             Optional<LocalDate> retiredOn) {
}

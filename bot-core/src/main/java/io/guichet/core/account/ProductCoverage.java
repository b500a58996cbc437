package io.guichet.core.account;

import java.time.LocalDate;

/**
 * R1: an account's coverage for one product (named as in the version catalogue), through {@code coveredUntil},
 * inclusive. It adds to the account's coverage for all products ({@link Account#coverageEndsOn()}).
 */
public record ProductCoverage(String product, LocalDate coveredUntil) {

    public ProductCoverage {
        product = product.strip();
        if (product.isEmpty()) {
            throw new IllegalArgumentException("a product coverage needs a product");
        }
    }

    public boolean coveredOn(LocalDate day) {
        return !day.isAfter(coveredUntil);
    }
}

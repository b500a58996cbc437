package io.guichet.core.account;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * R1: what an account is covered for: all products through {@code allProductsUntil} (the account's own coverage
 * end), and each product of {@code products} through its own day. A product is covered on a day when either entry
 * covers it. Product names compare without regard to case.
 */
public record Coverage(Optional<LocalDate> allProductsUntil, List<ProductCoverage> products) {

    public Coverage {
        products = List.copyOf(products);
    }

    public static Coverage of(Account account, List<ProductCoverage> products) {
        return new Coverage(account.coverageEndsOn(), products);
    }

    /** Covered for every product on {@code day}: no product needs telling. */
    public boolean allProductsOn(LocalDate day) {
        return allProductsUntil.map(end -> !day.isAfter(end)).orElse(false);
    }

    /** Covered for at least one product on {@code day}. */
    public boolean anyOn(LocalDate day) {
        return allProductsOn(day) || products.stream().anyMatch(p -> p.coveredOn(day));
    }

    /** Covered for {@code product} on {@code day}. */
    public boolean covers(String product, LocalDate day) {
        return allProductsOn(day) || entry(product).filter(p -> p.coveredOn(day)).isPresent();
    }

    /** The products covered on {@code day} by their own entry, in the order recorded. */
    public List<String> productsOn(LocalDate day) {
        return products.stream().filter(p -> p.coveredOn(day)).map(ProductCoverage::product).toList();
    }

    /** The entry for {@code product}, if any. */
    public Optional<ProductCoverage> entry(String product) {
        String key = product.strip().toLowerCase(Locale.ROOT);
        return products.stream().filter(p -> p.product().toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }
}

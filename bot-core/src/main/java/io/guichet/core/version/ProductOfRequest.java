package io.guichet.core.version;

import io.guichet.core.ticket.TicketFields;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * R1: which product a request is about, read from its fields against the version catalogue (products are the
 * catalogue's product names). In order: a product named in the version field ({@code VSA 9.5}); a product named in
 * the module field ({@code VSA / Agent procedures}); a bare version number ({@code 9.5.0.12}) that only one
 * product has. Otherwise the product cannot be told yet.
 */
public final class ProductOfRequest {

    private ProductOfRequest() {
    }

    public static Optional<String> of(TicketFields fields, List<ProductVersion> catalogue) {
        Optional<String> named = fields.version().flatMap(v -> named(v, catalogue));
        if (named.isPresent()) {
            return named;
        }
        named = fields.module().flatMap(m -> named(m, catalogue));
        if (named.isPresent()) {
            return named;
        }
        return fields.version().flatMap(v -> byNumber(v, catalogue));
    }

    /** The one catalogue product whose name is a word of {@code text}; empty when none, or several. */
    private static Optional<String> named(String text, List<ProductVersion> catalogue) {
        String lower = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}.]+", " ") + " ";
        Set<String> found = new LinkedHashSet<>();
        for (ProductVersion v : catalogue) {
            String name = v.product().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}.]+", " ").strip();
            if (!name.isEmpty() && lower.contains(" " + name + " ")) {
                found.add(v.product());
            }
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    /** The product of the releases {@code text}'s version number falls within, when only one product has them. */
    private static Optional<String> byNumber(String text, List<ProductVersion> catalogue) {
        Optional<VersionNumber> asked = VersionNumber.parse(text);
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        Set<String> products = new LinkedHashSet<>();
        for (ProductVersion v : catalogue) {
            if (VersionNumber.parse(v.version()).map(asked.get()::within).orElse(false)) {
                products.add(v.product());
            }
        }
        return products.size() == 1 ? Optional.of(products.iterator().next()) : Optional.empty();
    }
}

package io.guichet.core.version;

import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * R20: support covers the current version of a product, and the most recent previous on-premise version for
 * {@code previousVersionSupport} (default 1 year) after the next version's release. Older versions are not
 * covered; a product past its announced retirement is not covered at all.
 */
public final class SupportWindow {

    private final Period previousVersionSupport;

    public SupportWindow(Period previousVersionSupport) {
        this.previousVersionSupport = previousVersionSupport;
    }

    /** The verdict on a version a customer named. */
    public sealed interface Verdict {
        /** The current version, or the previous one within its year. {@code until} (the last supported day, inclusive) is set for the previous one. */
        record Supported(ProductVersion release, Optional<LocalDate> until) implements Verdict {
        }

        /** Too old, or the product is retired. {@code reason} is a full sentence; {@code current} names what to upgrade to. */
        record Unsupported(ProductVersion release, String reason, ProductVersion current) implements Verdict {
        }

        /** Not in the catalogue: cannot judge, so the ticket goes on and a technician looks. */
        record Unknown(String text) implements Verdict {
        }
    }

    /**
     * Judges {@code text} (what the customer wrote, e.g. {@code VSA 9.5.0.12}) against the catalogue on {@code today}.
     * A product name in the text picks the product; otherwise the version number alone must be unambiguous.
     */
    public Verdict judge(String text, List<ProductVersion> catalogue, LocalDate today) {
        Optional<VersionNumber> asked = VersionNumber.parse(text);
        if (asked.isEmpty()) {
            return new Verdict.Unknown(text);
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        boolean productNamed = catalogue.stream()
                .anyMatch(v -> lower.contains(v.product().toLowerCase(java.util.Locale.ROOT)));
        List<ProductVersion> candidates = catalogue.stream()
                .filter(v -> VersionNumber.parse(v.version()).map(asked.get()::within).orElse(false))
                .filter(v -> productNamed
                        ? lower.contains(v.product().toLowerCase(java.util.Locale.ROOT))
                        : catalogue.stream().filter(o -> o.version().equals(v.version())).count() == 1)
                .sorted(Comparator.comparing((ProductVersion v) -> VersionNumber.parse(v.version()).orElseThrow()).reversed())
                .toList();
        if (candidates.isEmpty()) {
            return new Verdict.Unknown(text);
        }
        return judge(candidates.get(0), catalogue, today);
    }

    /** Judges a known release against the other releases of its product on {@code today}. */
    public Verdict judge(ProductVersion release, List<ProductVersion> catalogue, LocalDate today) {
        List<ProductVersion> line = catalogue.stream()
                .filter(v -> v.product().equalsIgnoreCase(release.product()))
                .filter(v -> !v.releasedOn().isAfter(today))
                .sorted(Comparator.comparing((ProductVersion v) -> VersionNumber.parse(v.version()).orElseThrow()))
                .toList();
        ProductVersion current = line.isEmpty() ? release : line.get(line.size() - 1);
        if (release.retiredOn().filter(end -> !today.isBefore(end)).isPresent()) {
            return new Verdict.Unsupported(release, release.product() + " was retired on "
                    + release.retiredOn().get() + " and is no longer supported.", current);
        }
        int index = indexOf(line, release);
        if (index < 0 || index == line.size() - 1) {
            return new Verdict.Supported(release, Optional.empty());
        }
        ProductVersion next = line.get(index + 1);
        // "for at least 1 year after the next version's release": the anniversary day itself is still covered
        // (inclusive, like coverage R1 and certification R10); support ends the day after.
        LocalDate lastDay = next.releasedOn().plus(previousVersionSupport);
        boolean previous = index == line.size() - 2;
        if (previous && release.onPremise() && !today.isAfter(lastDay)) {
            return new Verdict.Supported(release, Optional.of(lastDay));
        }
        String reason = previous && release.onPremise()
                ? release.product() + " " + release.version() + " was supported until " + lastDay + " because "
                        + next.version() + " was released on " + next.releasedOn() + "."
                : release.product() + " " + release.version() + " is no longer supported: only the current version "
                        + current.version() + " and the previous on-premise version are.";
        return new Verdict.Unsupported(release, reason, current);
    }

    private static int indexOf(List<ProductVersion> line, ProductVersion release) {
        for (int i = 0; i < line.size(); i++) {
            if (line.get(i).version().equals(release.version())) {
                return i;
            }
        }
        return -1;
    }
}

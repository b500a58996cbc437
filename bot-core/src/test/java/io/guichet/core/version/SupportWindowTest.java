package io.guichet.core.version;

import io.guichet.core.version.SupportWindow.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SupportWindowTest {

    /** 2025-06-01 to 2026-06-01 crosses no 29 February: exactly 365 days, exactly one year. */
    private static final LocalDate TODAY = LocalDate.parse("2026-06-01");

    private final SupportWindow oneYear = new SupportWindow(Period.ofYears(1));

    private static ProductVersion vsa(String version, LocalDate releasedOn, boolean onPremise) {
        return new ProductVersion("VSA", version, releasedOn, onPremise, Optional.empty());
    }

    /** VSA 9.3 (two back), 9.4 (previous, on-premise), 9.5 (current) released {@code daysAgo} before TODAY. */
    private static List<ProductVersion> vsaLine(long daysAgo, boolean previousOnPremise) {
        return List.of(
                vsa("9.3", LocalDate.parse("2023-11-20"), true),
                vsa("9.4", LocalDate.parse("2024-09-10"), previousOnPremise),
                vsa("9.5", TODAY.minusDays(daysAgo), true));
    }

    private static ProductVersion named(List<ProductVersion> catalogue, String version) {
        return catalogue.stream().filter(v -> v.version().equals(version)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("R20: the current version is supported, with no end date")
    void currentSupported() {
        List<ProductVersion> catalogue = vsaLine(400, true);

        Verdict verdict = oneYear.judge(named(catalogue, "9.5"), catalogue, TODAY);

        assertThat(verdict).isEqualTo(new Verdict.Supported(named(catalogue, "9.5"), Optional.empty()));
    }

    @Test
    @DisplayName("R20: the previous on-premise version is still supported when the next release is exactly 1 year (365 days) old")
    void previousSupportedOnTheAnniversary() {
        assertThat(ChronoUnit.DAYS.between(TODAY.minusYears(1), TODAY)).isEqualTo(365);
        List<ProductVersion> catalogue = vsaLine(365, true);

        Verdict verdict = oneYear.judge(named(catalogue, "9.4"), catalogue, TODAY);

        assertThat(verdict).isEqualTo(new Verdict.Supported(named(catalogue, "9.4"), Optional.of(TODAY)));
    }

    @Test
    @DisplayName("R20: the previous on-premise version leaves support the day after the next release's first anniversary (366 days)")
    void previousUnsupportedTheDayAfter() {
        List<ProductVersion> catalogue = vsaLine(366, true);

        Verdict verdict = oneYear.judge(named(catalogue, "9.4"), catalogue, TODAY);

        assertThat(verdict).isInstanceOf(Verdict.Unsupported.class);
        Verdict.Unsupported unsupported = (Verdict.Unsupported) verdict;
        assertThat(unsupported.release().version()).isEqualTo("9.4");
        assertThat(unsupported.current().version()).isEqualTo("9.5");
        assertThat(unsupported.reason()).isEqualTo(
                "VSA 9.4 was supported until 2026-05-31 because 9.5 was released on 2025-05-31.");
    }

    @Test
    @DisplayName("R20: the previous on-premise version is supported the day the next one is released, until its anniversary")
    void previousSupportedFromNextRelease() {
        List<ProductVersion> catalogue = vsaLine(0, true);

        Verdict verdict = oneYear.judge(named(catalogue, "9.4"), catalogue, TODAY);

        assertThat(verdict).isEqualTo(new Verdict.Supported(named(catalogue, "9.4"), Optional.of(TODAY.plusYears(1))));
    }

    @Test
    @DisplayName("R20: a previous version that is not on-premise is not supported, even the day after the next release")
    void previousNotOnPremise() {
        List<ProductVersion> catalogue = vsaLine(1, false);

        Verdict verdict = oneYear.judge(named(catalogue, "9.4"), catalogue, TODAY);

        assertThat(verdict).isInstanceOf(Verdict.Unsupported.class);
        assertThat(((Verdict.Unsupported) verdict).reason())
                .isEqualTo("VSA 9.4 is no longer supported: only the current version 9.5 and the previous on-premise version are.");
    }

    @Test
    @DisplayName("R20: a version two behind the current one is not supported, even on-premise and recent")
    void twoVersionsBack() {
        List<ProductVersion> catalogue = vsaLine(1, true);

        Verdict verdict = oneYear.judge(named(catalogue, "9.3"), catalogue, TODAY);

        assertThat(verdict).isInstanceOf(Verdict.Unsupported.class);
        assertThat(((Verdict.Unsupported) verdict).current().version()).isEqualTo("9.5");
    }

    @Test
    @DisplayName("R20, R22: the previous-version period is a setting (6 months instead of 1 year)")
    void periodIsASetting() {
        SupportWindow sixMonths = new SupportWindow(Period.ofMonths(6));
        List<ProductVersion> catalogue = vsaLine(200, true);

        assertThat(sixMonths.judge(named(catalogue, "9.4"), catalogue, TODAY)).isInstanceOf(Verdict.Unsupported.class);
        assertThat(oneYear.judge(named(catalogue, "9.4"), catalogue, TODAY)).isInstanceOf(Verdict.Supported.class);
    }

    @Test
    @DisplayName("R20: a retired product is unsupported from its retirement day on, current version included")
    void retiredProduct() {
        LocalDate retirement = TODAY;
        ProductVersion traverse = new ProductVersion("Traverse", "11.0", LocalDate.parse("2024-01-01"), true,
                Optional.of(retirement));
        List<ProductVersion> catalogue = List.of(traverse);

        assertThat(oneYear.judge(traverse, catalogue, retirement.minusDays(1))).isInstanceOf(Verdict.Supported.class);
        Verdict onTheDay = oneYear.judge(traverse, catalogue, retirement);
        assertThat(onTheDay).isInstanceOf(Verdict.Unsupported.class);
        assertThat(((Verdict.Unsupported) onTheDay).reason())
                .isEqualTo("Traverse was retired on 2026-06-01 and is no longer supported.");
        assertThat(oneYear.judge(traverse, catalogue, retirement.plusYears(1))).isInstanceOf(Verdict.Unsupported.class);
    }

    @Test
    @DisplayName("R20: a version announced for later is not yet current, so the version before it keeps its place")
    void unreleasedVersionIsNotCurrent() {
        List<ProductVersion> catalogue = List.of(
                vsa("9.4", LocalDate.parse("2024-09-10"), true),
                vsa("9.5", LocalDate.parse("2025-01-10"), true),
                vsa("9.6", TODAY.plusDays(30), true));

        Verdict verdict = oneYear.judge(named(catalogue, "9.5"), catalogue, TODAY);

        assertThat(verdict).isEqualTo(new Verdict.Supported(named(catalogue, "9.5"), Optional.empty()));
    }

    @Test
    @DisplayName("R20: versions are ordered numerically: 10.0 is current and 9.9 the previous one")
    void numericOrderInTheLine() {
        List<ProductVersion> catalogue = List.of(
                vsa("10.0", TODAY.minusDays(10), true),
                vsa("9.10", LocalDate.parse("2025-01-10"), true),
                vsa("9.9", LocalDate.parse("2024-09-10"), true));

        assertThat(oneYear.judge("VSA 10.0", catalogue, TODAY))
                .isEqualTo(new Verdict.Supported(named(catalogue, "10.0"), Optional.empty()));
        assertThat(oneYear.judge("VSA 9.10", catalogue, TODAY))
                .isEqualTo(new Verdict.Supported(named(catalogue, "9.10"), Optional.of(TODAY.minusDays(10).plusYears(1))));
        assertThat(oneYear.judge("VSA 9.9", catalogue, TODAY)).isInstanceOf(Verdict.Unsupported.class);
    }

    @Test
    @DisplayName("R20: a build number the customer writes (9.5.0.12) is judged as its release 9.5")
    void buildWithinRelease() {
        List<ProductVersion> catalogue = vsaLine(365, true);

        assertThat(oneYear.judge("VSA 9.5.0.12", catalogue, TODAY))
                .isEqualTo(new Verdict.Supported(named(catalogue, "9.5"), Optional.empty()));
        assertThat(oneYear.judge("9.4.2", catalogue, TODAY))
                .isEqualTo(new Verdict.Supported(named(catalogue, "9.4"), Optional.of(TODAY)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> Unknown")
    @ValueSource(strings = {"latest", "", "VSA 8.0", "9.50", "9.6"})
    @DisplayName("R20: a version not in the catalogue (or no version at all) cannot be judged: Unknown, so a technician looks")
    void unknownVersion(String text) {
        assertThat(oneYear.judge(text, vsaLine(10, true), TODAY)).isEqualTo(new Verdict.Unknown(text));
    }

    @Test
    @DisplayName("R20: when two products share a version number, the product named in the text picks it; unnamed it is Unknown")
    void productNamePicks() {
        ProductVersion vsa95 = vsa("9.5", LocalDate.parse("2025-01-10"), true);
        ProductVersion traverse95 = new ProductVersion("Traverse", "9.5", LocalDate.parse("2023-01-10"), true,
                Optional.of(LocalDate.parse("2026-01-01")));
        List<ProductVersion> catalogue = List.of(vsa95, traverse95);

        assertThat(oneYear.judge("vsa 9.5.0.12", catalogue, TODAY))
                .isEqualTo(new Verdict.Supported(vsa95, Optional.empty()));
        assertThat(oneYear.judge("Traverse 9.5", catalogue, TODAY)).isInstanceOf(Verdict.Unsupported.class)
                .extracting(v -> ((Verdict.Unsupported) v).release()).isEqualTo(traverse95);
        assertThat(oneYear.judge("9.5", catalogue, TODAY)).isEqualTo(new Verdict.Unknown("9.5"));
    }

    @Test
    @DisplayName("R20: a named product is never judged by another product's version")
    void namedProductOnly() {
        ProductVersion vsa94 = vsa("9.4", LocalDate.parse("2025-01-10"), true);
        ProductVersion traverse11 = new ProductVersion("Traverse", "11.0", LocalDate.parse("2025-01-10"), true,
                Optional.empty());
        List<ProductVersion> catalogue = List.of(vsa94, traverse11);

        assertThat(oneYear.judge("Traverse 9.4", catalogue, TODAY)).isEqualTo(new Verdict.Unknown("Traverse 9.4"));
        assertThat(oneYear.judge("9.4", catalogue, TODAY)).isEqualTo(new Verdict.Supported(vsa94, Optional.empty()));
    }
}

package io.guichet.core.version;

import io.guichet.core.ticket.TicketFields;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProductOfRequestTest {

    private static final List<ProductVersion> CATALOGUE = List.of(
            release("VSA", "9.5"), release("VSA", "10.0"), release("Traverse", "3.1"), release("Traverse", "10.0"),
            release("BYOD", "2.0"));

    private static ProductVersion release(String product, String version) {
        return new ProductVersion(product, version, LocalDate.parse("2025-01-01"), true, Optional.empty());
    }

    private static Optional<String> of(String module, String version) {
        return ProductOfRequest.of(new TicketFields("s", "d", Optional.empty(), Optional.empty(), Optional.ofNullable(module),
                Optional.empty(), Optional.empty(), Optional.ofNullable(version)), CATALOGUE);
    }

    @Test
    @DisplayName("R1: the product named in the version field, as a word, in any case")
    void namedInVersion() {
        assertThat(of(null, "VSA 9.5.0.12")).contains("VSA");
        assertThat(of("Traverse", "vsa 10.0")).as("the version first").contains("VSA");
        assertThat(of(null, "traverse-3.1")).contains("Traverse");
        assertThat(of(null, "VSAX 3.1")).as("a word, not a part of one: told by the number").contains("Traverse");
    }

    @Test
    @DisplayName("R1: the module tells the product when the version does not name one")
    void namedInModule() {
        assertThat(of("Traverse / monitoring", "10.0")).contains("Traverse");
        assertThat(of("Agent procedures", null)).isEmpty();
    }

    @Test
    @DisplayName("R1: a bare version number tells the product only when one product has that release")
    void bareNumber() {
        assertThat(of(null, "9.5.0.12")).contains("VSA");
        assertThat(of(null, "2.0")).contains("BYOD");
        assertThat(of(null, "10.0")).as("two products have 10.0").isEmpty();
        assertThat(of(null, "7.0")).as("no product has it").isEmpty();
        assertThat(of(null, "VSA and Traverse 3.1")).as("two products named: by the number").contains("Traverse");
        assertThat(of(null, null)).isEmpty();
    }
}

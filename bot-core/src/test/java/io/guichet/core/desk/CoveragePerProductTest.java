package io.guichet.core.desk;

import io.guichet.core.ProblemCode;
import io.guichet.core.account.Coverage;
import io.guichet.core.account.ProductCoverage;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.version.ProductVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static io.guichet.core.testing.DeskFixture.complete;
import static io.guichet.core.testing.DeskFixture.email;
import static org.assertj.core.api.Assertions.assertThat;

/** R1: coverage per product, told by the request's version or module. The fixture's today is 2026-03-02. */
class CoveragePerProductTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-02");

    private final DeskFixture desk = new DeskFixture();
    private final Actor.Staff martha = new Actor.Staff("martha", "martha");

    @BeforeEach
    void catalogue() {
        desk.stores.versions().add(new ProductVersion("VSA", "9.5", LocalDate.parse("2025-01-10"), true, Optional.empty()));
        desk.stores.versions().add(new ProductVersion("Traverse", "3.1", LocalDate.parse("2025-06-01"), true, Optional.empty()));
        desk.stores.versions().add(new ProductVersion("BYOD", "2.0", LocalDate.parse("2025-02-01"), false, Optional.empty()));
    }

    /** Acme covered for these products only, through the end of the year, and not for all products. */
    private void acmeCoveredFor(String... products) {
        desk.stores.contacts().setCoverage(desk.acme.id(), Optional.empty());
        for (String product : products) {
            desk.stores.contacts().coverProduct(desk.acme.id(), product, LocalDate.parse("2026-12-31"));
        }
    }

    private static IntakeDraft about(String version) {
        return complete("2").with(IntakeField.VERSION, version);
    }

    @Test
    @DisplayName("R1: an account covered for all products (every account before coverage per product) opens a request about any product")
    void allProductsUnchanged() {
        CustomerOutcome outcome = open(about("Traverse 3.1"));

        assertThat(outcome).isInstanceOf(CustomerOutcome.Opened.class);
        assertThat(desk.messenger.told(CustomerNotice.NotCovered.class)).isEmpty();
    }

    @Test
    @DisplayName("R1: a request about a covered product opens a ticket; about a product not covered, it is declined naming the product and the account manager, with no ticket")
    void coveredAndUncoveredProducts() {
        acmeCoveredFor("VSA", "BYOD");

        CustomerOutcome vsa = open(about("VSA 9.5.0.12"));
        CustomerOutcome traverse = open(about("Traverse 3.1"));

        assertThat(vsa).isInstanceOf(CustomerOutcome.Opened.class);
        assertThat(traverse).isInstanceOfSatisfying(CustomerOutcome.Rejected.class, r -> {
            assertThat(r.problem().code()).isEqualTo(ProblemCode.NOT_ALLOWED);
            assertThat(r.problem().detail()).contains("Acme", "Traverse", "R1");
        });
        assertThat(desk.messenger.told(CustomerNotice.NotCovered.class)).singleElement().satisfies(n -> {
            assertThat(n.product()).contains("Traverse");
            assertThat(n.ticket()).isEmpty();
            assertThat(n.accountName()).isEqualTo("Acme");
            assertThat(n.manager().name()).isEqualTo("Marie Curie");
            assertThat(n.to().email()).isEqualTo(email("alice@acme.example"));
        });
        assertThat(desk.messenger.told(CustomerNotice.Acknowledged.class)).hasSize(1);
    }

    @Test
    @DisplayName("R1: the module tells the product when the version does not; a bare version number tells it when only one product has it")
    void moduleAndBareNumber() {
        acmeCoveredFor("VSA", "BYOD");

        CustomerOutcome byModule = open(complete("2").with(IntakeField.VERSION, "3.1")
                .with(IntakeField.MODULE, "Traverse / monitoring"));
        CustomerOutcome byNumber = open(about("3.1.4"));
        CustomerOutcome covered = open(about("2.0"));

        assertThat(byModule).isInstanceOf(CustomerOutcome.Rejected.class);
        assertThat(byNumber).isInstanceOf(CustomerOutcome.Rejected.class);
        assertThat(covered).isInstanceOf(CustomerOutcome.Opened.class);
        assertThat(desk.messenger.told(CustomerNotice.NotCovered.class)).extracting(n -> n.product().orElseThrow())
                .containsExactly("Traverse", "Traverse");
    }

    @Test
    @DisplayName("R1: a product's coverage ends after its last day, inclusive; coverage for all products still covers every product")
    void productCoverageEnds() {
        desk.stores.contacts().setCoverage(desk.acme.id(), Optional.empty());
        desk.stores.contacts().coverProduct(desk.acme.id(), "VSA", TODAY);
        desk.stores.contacts().coverProduct(desk.acme.id(), "Traverse", TODAY.minusDays(1));

        assertThat(open(about("VSA 9.5"))).isInstanceOf(CustomerOutcome.Opened.class);
        assertThat(open(about("Traverse 3.1"))).isInstanceOf(CustomerOutcome.Rejected.class);

        desk.stores.contacts().setCoverage(desk.acme.id(), Optional.of(TODAY));
        assertThat(open(about("Traverse 3.1"))).isInstanceOf(CustomerOutcome.Opened.class);
    }

    @Test
    @DisplayName("R1: an account with no coverage left for any product gets the account refusal, not a product one")
    void nothingCovered() {
        desk.stores.contacts().setCoverage(desk.acme.id(), Optional.empty());
        desk.stores.contacts().coverProduct(desk.acme.id(), "VSA", TODAY.minusDays(1));

        assertThat(open(about("VSA 9.5"))).isInstanceOf(CustomerOutcome.Rejected.class);
        assertThat(desk.messenger.told(CustomerNotice.NotCovered.class)).singleElement()
                .satisfies(n -> assertThat(n.product()).isEmpty());
    }

    @Test
    @DisplayName("R1: an account covered for a single product needs nothing: a request that does not tell the product opens")
    void singleProduct() {
        acmeCoveredFor("VSA");

        CustomerOutcome outcome = open(complete("2").with(IntakeField.VERSION, null).with(IntakeField.MODULE, null));

        assertThat(outcome).isInstanceOf(CustomerOutcome.Opened.class);
        assertThat(((CustomerOutcome.Opened) outcome).ticket().status()).isEqualTo(TicketStatus.AWAITING_INFO);
    }

    @Test
    @DisplayName("R1, R5: a request that cannot tell its product yet is opened; when the reply tells an uncovered product, the ticket is declined and the customer told why")
    void settledWhenTheFieldArrives() {
        acmeCoveredFor("VSA", "BYOD");
        Ticket waiting = ((CustomerOutcome.Opened) open(complete("2").with(IntakeField.VERSION, null))).ticket();
        assertThat(waiting.status()).isEqualTo(TicketStatus.AWAITING_INFO);

        CustomerOutcome reply = write(waiting.number(), IntakeDraft.empty().with(IntakeField.VERSION, "Traverse 3.1"),
                "Version: Traverse 3.1");

        Ticket declined = desk.stores.tickets().find(waiting.id()).orElseThrow();
        assertThat(reply).isInstanceOf(CustomerOutcome.Updated.class);
        assertThat(declined.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(declined.resolution()).contains(ResolutionReason.OUT_OF_SCOPE);
        assertThat(declined.fields().version()).as("the message is kept").contains("Traverse 3.1");
        assertThat(desk.stores.tickets().events(waiting.id())).filteredOn(e -> e.kind() == EventKind.RESOLVED)
                .singleElement().extracting(TicketEvent::detail).asString()
                .contains("R1", "Acme is not covered for Traverse");
        assertThat(desk.messenger.told(CustomerNotice.NotCovered.class)).singleElement().satisfies(n -> {
            assertThat(n.product()).contains("Traverse");
            assertThat(n.ticket()).hasValueSatisfying(t -> assertThat(t.number()).isEqualTo(waiting.number()));
        });
        assertThat(desk.messenger.told(CustomerNotice.IntakeComplete.class)).isEmpty();
    }

    @Test
    @DisplayName("R1, R5: when the reply tells a covered product, the ticket joins the queue as any other")
    void settledCovered() {
        acmeCoveredFor("VSA", "BYOD");
        Ticket waiting = ((CustomerOutcome.Opened) open(complete("2").with(IntakeField.VERSION, null))).ticket();

        write(waiting.number(), IntakeDraft.empty().with(IntakeField.VERSION, "VSA 9.5"), "Version: VSA 9.5");

        assertThat(desk.stores.tickets().find(waiting.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(desk.messenger.told(CustomerNotice.NotCovered.class)).isEmpty();
    }

    @Test
    @DisplayName("R1: a message on an open ticket about a product whose coverage was removed is refused as a new request would be")
    void coverageRemovedLater() {
        acmeCoveredFor("VSA", "Traverse");
        Ticket open = ((CustomerOutcome.Opened) open(about("Traverse 3.1"))).ticket();
        desk.stores.contacts().uncoverProduct(desk.acme.id(), "Traverse");

        assertThat(write(open.number(), IntakeDraft.empty(), "Any news?")).isInstanceOf(CustomerOutcome.Rejected.class);
        assertThat(desk.messenger.told(CustomerNotice.NotCovered.class)).singleElement()
                .satisfies(n -> assertThat(n.product()).contains("Traverse"));
    }

    @Test
    @DisplayName("R1: cover takes a catalogue product (in the catalogue's spelling) and a day not past; uncover ends it; both audited")
    void coverAndUncover() {
        DirectoryOutcome covered = desk.directory.coverProduct(martha, "Acme", "vsa", LocalDate.parse("2027-06-30"));
        DirectoryOutcome unknown = desk.directory.coverProduct(martha, "Acme", "Kaseya One", LocalDate.parse("2027-06-30"));
        DirectoryOutcome past = desk.directory.coverProduct(martha, "Acme", "VSA", TODAY.minusDays(1));
        DirectoryOutcome noAccount = desk.directory.coverProduct(martha, "Umbrella", "VSA", TODAY);

        assertThat(covered).isEqualTo(new DirectoryOutcome.Done("Acme is covered for VSA through 2027-06-30 (R1)."));
        assertThat(unknown).isInstanceOfSatisfying(DirectoryOutcome.Refused.class, r -> assertThat(r.toString())
                .contains("'Kaseya One' is not a product of the version catalogue", "Products: BYOD, Traverse, VSA."));
        assertThat(past).isInstanceOfSatisfying(DirectoryOutcome.Refused.class, r -> assertThat(r.toString())
                .contains("2026-03-01 is in the past"));
        assertThat(noAccount).isInstanceOf(DirectoryOutcome.Refused.class);
        Coverage coverage = desk.directory.coverage("Acme").orElseThrow();
        assertThat(coverage.products()).containsExactly(new ProductCoverage("VSA", LocalDate.parse("2027-06-30")));
        assertThat(coverage.allProductsUntil()).contains(LocalDate.parse("2026-12-31"));

        DirectoryOutcome uncovered = desk.directory.uncoverProduct(martha, "Acme", "VSA");
        DirectoryOutcome again = desk.directory.uncoverProduct(martha, "Acme", "VSA");

        assertThat(uncovered).isInstanceOfSatisfying(DirectoryOutcome.Done.class, d -> assertThat(d.summary())
                .contains("Acme is no longer covered for VSA (R1).", "coverage for all products (through 2026-12-31)"));
        assertThat(again).isInstanceOfSatisfying(DirectoryOutcome.Refused.class, r -> assertThat(r.toString())
                .contains("Acme has no coverage for 'VSA'"));
        assertThat(desk.directory.coverage("Acme").orElseThrow().products()).isEmpty();
        assertThat(desk.audit.all()).filteredOn(e -> e.kind() == AuditKind.COVERAGE_CHANGED)
                .extracting(e -> e.detail()).containsExactly("VSA from never to through 2027-06-30",
                        "VSA from through 2027-06-30 to never");
    }

    @Test
    @DisplayName("R1: the coverage answers per product and per day; product names compare without case")
    void coverageValue() {
        Coverage coverage = new Coverage(Optional.empty(), List.of(new ProductCoverage("VSA", TODAY),
                new ProductCoverage("Traverse", TODAY.minusDays(1))));

        assertThat(coverage.covers("vsa", TODAY)).isTrue();
        assertThat(coverage.covers("VSA", TODAY.plusDays(1))).isFalse();
        assertThat(coverage.covers("Traverse", TODAY)).isFalse();
        assertThat(coverage.covers("BYOD", TODAY)).isFalse();
        assertThat(coverage.anyOn(TODAY)).isTrue();
        assertThat(coverage.anyOn(TODAY.plusDays(1))).isFalse();
        assertThat(coverage.productsOn(TODAY)).containsExactly("VSA");
        assertThat(new Coverage(Optional.of(TODAY), List.of()).covers("BYOD", TODAY)).isTrue();
    }

    private CustomerOutcome open(IntakeDraft draft) {
        return desk.customers.handle(new CustomerCommand.OpenTicket(email("alice@acme.example"), "", Optional.empty(),
                draft, false));
    }

    private CustomerOutcome write(TicketNumber number, IntakeDraft draft, String text) {
        return desk.customers.handle(new CustomerCommand.AddCustomerMessage(email("alice@acme.example"), "",
                Optional.empty(), number, draft, text, false));
    }
}

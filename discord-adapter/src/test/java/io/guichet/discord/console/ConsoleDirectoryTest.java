package io.guichet.discord.console;

import io.guichet.core.account.Contact;
import io.guichet.core.account.Language;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.version.ProductVersion;
import io.guichet.core.version.SupportWindow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static io.guichet.discord.console.ConsoleFixture.email;
import static io.guichet.discord.console.ConsoleFixture.shown;
import static org.assertj.core.api.Assertions.assertThat;

class ConsoleDirectoryTest {

    private final ConsoleFixture f = new ConsoleFixture();

    @Test
    @DisplayName("R10: /contact add authorizes a contact of the named account; the same address twice is refused")
    void addContact() {
        Answer added = f.manager("contact add", "account", "Acme", "name", "Lea Roux", "email", "Lea@Acme.example",
                "phone", "+33 6 00 00 00 00", "language", "fr", "discord-user", "778899",
                "certified-until", "2026-12-31");
        Answer again = f.manager("contact add", "account", "Acme", "name", "Lea Roux", "email", "lea@acme.example",
                "phone", "+33 6");

        assertThat(added.content()).contains("Lea Roux <lea@acme.example> is now an authorized contact of Acme (R10)",
                "through 2026-12-31");
        Contact lea = f.desk.contacts().activeContact(email("lea@acme.example")).orElseThrow();
        assertThat(lea.accountId()).isEqualTo(f.account.id());
        assertThat(lea.language()).isEqualTo(Language.FR);
        assertThat(lea.discordUserId()).contains("778899");
        assertThat(lea.certifiedUntil()).contains(LocalDate.parse("2026-12-31"));
        assertThat(again.content()).contains("already an active authorized contact");
    }

    @Test
    @DisplayName("R10: /contact add names every bad option at once: unknown e-mail shape, bad date, bad language")
    void addContactProblems() {
        Answer bad = f.manager("contact add", "account", "Acme", "name", "X", "email", "not-an-address",
                "phone", "1", "language", "de", "certified-until", "31/12/2026");
        Answer noAccount = f.manager("contact add", "account", "Umbrella", "name", "X", "email", "x@umbrella.example",
                "phone", "1");

        assertThat(bad.content()).contains("'not-an-address' is not an e-mail address",
                "Language 'de' is not one of en, fr", "'31/12/2026' is not a date: write it as YYYY-MM-DD");
        assertThat(f.audit.all()).as("a bad date refuses the command before the desk: audited all the same")
                .filteredOn(e -> e.kind() == io.guichet.core.audit.AuditKind.COMMAND_REFUSED)
                .anySatisfy(e -> {
                    assertThat(e.subject()).isEqualTo("console options");
                    assertThat(e.detail()).startsWith("/contact add: ").contains("'31/12/2026' is not a date");
                    assertThat(e.actor().label()).contains("martha");
                });
        assertThat(noAccount.content()).contains("There is no account named 'Umbrella'", "Accounts: Acme");
        assertThat(f.desk.contacts().contactsOf(f.account.id())).hasSize(1);
    }

    @Test
    @DisplayName("R10: /contact remove withdraws the authorization; an unknown e-mail is named")
    void removeContact() {
        Answer removed = f.manager("contact remove", "email", "paul@acme.example");
        Answer unknown = f.manager("contact remove", "email", "ghost@acme.example");

        assertThat(removed.content()).contains("no longer an authorized contact");
        assertThat(f.desk.contacts().activeContact(f.contact.email())).isEmpty();
        assertThat(unknown.content()).contains("No active authorized contact has the e-mail ghost@acme.example.");
    }

    @Test
    @DisplayName("R10, R1: /contact list shows the account's contacts, their certification and the coverage")
    void listContacts() {
        f.manager("contact certify", "email", "paul@acme.example", "until", "2026-06-30");

        Answer answer = f.manager("contact list", "account", "Acme");

        assertThat(answer.embeds()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Contacts of Acme");
            assertThat(e.description()).contains("Covered through 2027-12-31", "Marie Dupont");
            assertThat(e.fields()).singleElement().satisfies(field -> {
                assertThat(field.name()).isEqualTo("Paul Martin");
                assertThat(field.value()).contains("paul@acme.example", "certified through 2026-06-30");
            });
        });
    }

    @Test
    @DisplayName("R10, R15: /contact certify records the certification and re-ranks the contact's active tickets")
    void certify() {
        Ticket t = f.open("Server down", "2");

        Answer answer = f.manager("contact certify", "email", "paul@acme.example");

        LocalDate through = LocalDate.parse("2027-03-01");
        assertThat(answer.content()).contains("certified administrator through 2027-03-01 (R10); 1 active ticket(s)");
        assertThat(f.desk.contacts().contact(f.contact.id()).orElseThrow().certifiedUntil()).contains(through);
        assertThat(f.ticket(t).submitterCertifiedUntil()).contains(through);
    }

    @Test
    @DisplayName("R10: /contact certify refuses a bad date, a past date and an unknown e-mail")
    void certifyProblems() {
        assertThat(f.manager("contact certify", "email", "paul@acme.example", "until", "next year").content())
                .contains("'next year' is not a date");
        assertThat(f.manager("contact certify", "email", "paul@acme.example", "until", "2020-01-01").content())
                .contains("cannot end in the past");
        assertThat(f.manager("contact certify", "email", "nobody@acme.example").content())
                .contains("No active authorized contact has the e-mail nobody@acme.example.");
        assertThat(f.desk.contacts().contact(f.contact.id()).orElseThrow().certifiedUntil()).isEmpty();
    }

    @Test
    @DisplayName("R1: /account coverage sets the last covered day; a past day is flagged, a bad date refused")
    void coverage() {
        Answer extended = f.manager("account coverage", "account", "Acme", "until", "2028-06-30");
        Answer ended = f.manager("account coverage", "account", "Acme", "until", "2026-01-31");
        Answer bad = f.manager("account coverage", "account", "Acme", "until", "soon");

        assertThat(extended.content()).isEqualTo("Acme is covered through 2028-06-30 (R1).");
        assertThat(ended.content()).contains("not covered today");
        assertThat(bad.content()).contains("'soon' is not a date");
        assertThat(f.desk.contacts().account(f.account.id()).orElseThrow().coverageEndsOn())
                .contains(LocalDate.parse("2026-01-31"));
    }

    @Test
    @DisplayName("R1: /account cover covers one catalogue product through a day, /account uncover ends it; /contact list shows both, through the directory desk")
    void coveragePerProduct() {
        f.manager("version add", "product", "VSA", "version", "9.5", "released", "2024-05-01");
        Answer covered = f.manager("account cover", "account", "Acme", "product", "vsa", "until", "2028-06-30");
        Answer unknown = f.manager("account cover", "account", "Acme", "product", "Traverse", "until", "2028-06-30");
        Answer bad = f.manager("account cover", "account", "Acme", "product", "VSA", "until", "soon");
        Answer listed = f.manager("contact list", "account", "Acme");
        Answer ended = f.manager("account uncover", "account", "Acme", "product", "VSA");
        Answer again = f.manager("account uncover", "account", "Acme", "product", "VSA");
        Answer byTech = f.tech("account cover", "account", "Acme", "product", "VSA", "until", "2028-06-30");

        assertThat(covered.content()).isEqualTo("Acme is covered for VSA through 2028-06-30 (R1).");
        assertThat(unknown.content()).contains("'Traverse' is not a product of the version catalogue", "Products: VSA.");
        assertThat(bad.content()).contains("'soon' is not a date");
        assertThat(listed.embeds().get(0).description()).contains("per product: VSA through 2028-06-30");
        assertThat(ended.content()).contains("Acme is no longer covered for VSA (R1).");
        assertThat(again.content()).contains("Acme has no coverage for 'VSA'");
        assertThat(byTech.content()).doesNotContain("is covered for");
        assertThat(f.desk.contacts().productCoverage(f.account.id())).isEmpty();
    }

    @Test
    @DisplayName("R20: /version add records a release; /version list tells which are supported today")
    void versions() {
        Answer first = f.manager("version add", "product", "VSA", "version", "9.5", "released", "2024-05-01");
        f.manager("version add", "product", "VSA", "version", "10.0", "released", "2025-09-01", "on-premise", "true");
        Answer duplicate = f.manager("version add", "product", "VSA", "version", "9.5", "released", "2024-05-01");
        Answer badNumber = f.manager("version add", "product", "VSA", "version", "ten", "released", "2025-09-01");

        Answer list = f.manager("version list");

        assertThat(first.content()).contains("VSA 9.5 released 2024-05-01 (on-premise) is in the catalogue (R20)");
        assertThat(f.desk.versions().all()).extracting(ProductVersion::version).containsExactlyInAnyOrder("9.5", "10.0");
        assertThat(duplicate.content()).contains("already in the catalogue");
        assertThat(badNumber.content()).contains("'ten' is not a version number");
        SupportWindow.Verdict verdict = new SupportWindow(f.desk.policy().previousVersionSupport())
                .judge(f.desk.versions().all().stream().filter(v -> v.version().equals("9.5")).findFirst().orElseThrow(),
                        f.desk.versions().all(), f.desk.today());
        LocalDate until = ((SupportWindow.Verdict.Supported) verdict).until().orElseThrow();
        assertThat(shown(list)).contains("10.0 - 2025-09-01, on-premise - current",
                "9.5 - 2024-05-01, on-premise - supported through " + until);
    }

    @Test
    @DisplayName("R20: /version list of an unknown product says there is none")
    void emptyVersionList() {
        assertThat(f.manager("version list", "product", "Traverse").content())
                .isEqualTo("No versions of Traverse in the catalogue.");
        assertThat(f.desk.versions().all()).isEmpty();
        assertThat(Optional.of(f.manager("version list").content())).get().asString().contains("/version add");
    }
}

package io.guichet.discord.console;

import io.guichet.core.Problem;
import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.DeskContext;
import io.guichet.core.version.ProductVersion;
import io.guichet.core.version.SupportWindow;
import io.guichet.core.version.VersionNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.guichet.discord.console.StaffRoles.Role.MANAGER;

/**
 * {@code /contact}, {@code /account} and {@code /version}: the managers' commands on authorized contacts (R10),
 * coverage (R1) and the version catalogue (R20). Each change is logged at INFO with the manager's name (audit).
 */
final class DirectoryCommands {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCommands.class);

    private final DeskContext desk;
    private final SupportWindow supportWindow;

    DirectoryCommands(DeskContext desk) {
        this.desk = desk;
        this.supportWindow = new SupportWindow(desk.policy().previousVersionSupport());
    }

    void register(Routes routes) {
        routes.add("contact add", MANAGER, this::addContact);
        routes.add("contact remove", MANAGER, this::removeContact);
        routes.add("contact list", MANAGER, this::listContacts);
        routes.add("contact certify", MANAGER, this::certify);
        routes.add("account coverage", MANAGER, this::coverage);
        routes.add("version add", MANAGER, this::addVersion);
        routes.add("version list", MANAGER, this::listVersions);
    }

    /** R10: a new authorized contact of an account. */
    private Answer addContact(Caller caller, Options o) {
        Optional<String> accountName = o.requiredText("account");
        Optional<String> name = o.requiredText("name");
        Optional<EmailAddress> email = o.email("email");
        Optional<String> phone = o.requiredText("phone");
        Optional<Language> language = o.language("language");
        Optional<String> discordUser = o.optionalText("discord-user");
        Optional<Optional<LocalDate>> certifiedUntil = o.optionalDate("certified-until");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return desk.transactions().inTransaction(() -> {
            Optional<Account> account = desk.contacts().accountNamed(accountName.orElseThrow());
            if (account.isEmpty()) {
                return noSuchAccount(accountName.orElseThrow());
            }
            Optional<Contact> added = desk.contacts().addContact(account.get().id(), name.orElseThrow(),
                    email.orElseThrow(), phone.orElseThrow(), language.orElseThrow(), discordUser,
                    certifiedUntil.orElseThrow());
            if (added.isEmpty()) {
                return Cards.refused(List.of(Problem.conflict("email", email.orElseThrow()
                        + " is already an active authorized contact.")));
            }
            LOG.info("contact {} added to account {} by {} (R10)", added.get().id().value(), account.get().id().value(),
                    caller.actor().label());
            return Answer.text(added.get().name() + " <" + added.get().email() + "> is now an authorized contact of "
                    + account.get().name() + " (R10)." + certifiedUntil.orElseThrow()
                    .map(d -> " Certified administrator through " + d + ".").orElse(""));
        });
    }

    /** R10: withdraws an authorization; the contact stays in the records for the audit trail. */
    private Answer removeContact(Caller caller, Options o) {
        Optional<EmailAddress> email = o.email("email");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return desk.transactions().inTransaction(() -> {
            Optional<Contact> contact = desk.contacts().activeContact(email.orElseThrow());
            if (contact.isEmpty() || !desk.contacts().deactivate(contact.get().id())) {
                return noSuchContact(email.orElseThrow());
            }
            LOG.info("contact {} of account {} removed by {} (R10)", contact.get().id().value(),
                    contact.get().accountId().value(), caller.actor().label());
            return Answer.text(contact.get().name() + " <" + email.orElseThrow() + "> is no longer an authorized "
                    + "contact: mail from that address opens no ticket (R10).");
        });
    }

    private Answer listContacts(Caller caller, Options o) {
        Optional<String> accountName = o.requiredText("account");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return desk.transactions().inTransaction(() -> {
            Optional<Account> account = desk.contacts().accountNamed(accountName.orElseThrow());
            if (account.isEmpty()) {
                return noSuchAccount(accountName.orElseThrow());
            }
            LocalDate today = desk.today();
            List<Contact> contacts = desk.contacts().contactsOf(account.get().id()).stream()
                    .sorted(Comparator.comparing((Contact c) -> !c.active()).thenComparing(Contact::name)).toList();
            List<Answer.Field> fields = contacts.stream().map(c -> new Answer.Field(
                    c.name() + (c.active() ? "" : " (removed)"),
                    c.email() + "\n" + c.phone() + " - " + c.language().code()
                            + c.certifiedUntil().map(d -> (c.certifiedOn(today) ? "\ncertified through " : "\ncertification ended ") + d)
                            .orElse("\nnot certified"), true)).toList();
            String coverage = account.get().coverageEndsOn()
                    .map(d -> (account.get().coveredOn(today) ? "Covered through " : "Coverage ended ") + d)
                    .orElse("No coverage recorded");
            String description = coverage + ". Account manager: " + account.get().manager().name() + ". "
                    + contacts.size() + " contact(s)" + (contacts.size() > DiscordText.FIELDS ? ", first 25 shown." : ".");
            return new Answer("", List.of(new Answer.Embed("Contacts of " + account.get().name(), description, fields,
                    Optional.empty(), Cards.BLUE)), List.of(), true);
        });
    }

    /** R10: a certification valid through a day (by default one certification period from today). */
    private Answer certify(Caller caller, Options o) {
        Optional<EmailAddress> email = o.email("email");
        Optional<Optional<LocalDate>> until = o.optionalDate("until");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        LocalDate today = desk.today();
        LocalDate through = until.orElseThrow()
                .orElse(today.plus(desk.policy().certificationValidity()).minusDays(1));
        if (through.isBefore(today)) {
            return Cards.refused(List.of(Problem.invalid("until", "A certification cannot end in the past ("
                    + through + "): give today or a later day as YYYY-MM-DD.")));
        }
        return desk.transactions().inTransaction(() -> {
            Optional<Contact> contact = desk.contacts().activeContact(email.orElseThrow());
            if (contact.isEmpty() || !desk.contacts().certify(contact.get().id(), Optional.of(through))) {
                return noSuchContact(email.orElseThrow());
            }
            int tickets = desk.tickets().refreshSubmitterCertification(contact.get().id(), Optional.of(through));
            LOG.info("contact {} certified through {} by {} (R10)", contact.get().id().value(), through,
                    caller.actor().label());
            return Answer.text(contact.get().name() + " <" + email.orElseThrow() + "> is a certified administrator "
                    + "through " + through + " (R10); " + tickets + " active ticket(s) now rank as from a certified "
                    + "submitter (R15).");
        });
    }

    /** R1: the last covered day of an account. */
    private Answer coverage(Caller caller, Options o) {
        Optional<String> accountName = o.requiredText("account");
        Optional<LocalDate> until = o.date("until");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return desk.transactions().inTransaction(() -> {
            Optional<Account> account = desk.contacts().accountNamed(accountName.orElseThrow());
            if (account.isEmpty() || !desk.contacts().setCoverage(account.get().id(), until)) {
                return noSuchAccount(accountName.orElseThrow());
            }
            LOG.info("account {} coverage set to {} by {} (R1)", account.get().id().value(), until.orElseThrow(),
                    caller.actor().label());
            boolean covered = !desk.today().isAfter(until.orElseThrow());
            return Answer.text(account.get().name() + " is covered through " + until.orElseThrow() + " (R1)."
                    + (covered ? "" : " That day is past: the account is not covered now and its mail is refused politely."));
        });
    }

    /** R20: a released version of a product. */
    private Answer addVersion(Caller caller, Options o) {
        Optional<String> product = o.requiredText("product");
        Optional<String> version = o.requiredText("version");
        Optional<LocalDate> released = o.date("released");
        Optional<Boolean> onPremise = o.flag("on-premise", true);
        Optional<Optional<LocalDate>> retired = o.optionalDate("retired");
        List<Problem> problems = new ArrayList<>(o.problems());
        if (version.isPresent() && !version.get().matches("[vV]?\\d{1,6}(\\.\\d{1,6}){0,4}")) {
            problems.add(Problem.invalid("version", "'" + version.get() + "' is not a version number: write it as "
                    + "digits and dots, e.g. 9.5 or 10.2.1."));
        }
        if (!problems.isEmpty()) {
            return Cards.refused(problems);
        }
        String number = VersionNumber.parse(version.orElseThrow()).orElseThrow().toString();
        ProductVersion release = new ProductVersion(product.orElseThrow(), number, released.orElseThrow(),
                onPremise.orElseThrow(), retired.orElseThrow());
        return desk.transactions().inTransaction(() -> desk.versions().add(release).map(added -> {
            LOG.info("version {} {} added by {} (R20)", added.product(), added.version(), caller.actor().label());
            return Answer.text(added.product() + " " + added.version() + " released " + added.releasedOn()
                    + (added.onPremise() ? " (on-premise)" : "") + " is in the catalogue (R20)."
                    + added.retiredOn().map(d -> " The product retires on " + d + ".").orElse(""));
        }).orElseGet(() -> Cards.refused(List.of(Problem.conflict("version", release.product() + " "
                + release.version() + " is already in the catalogue.")))));
    }

    /** R20: each version and whether it is supported today. */
    private Answer listVersions(Caller caller, Options o) {
        Optional<String> product = o.optionalText("product");
        LocalDate today = desk.today();
        List<ProductVersion> all = desk.transactions().inTransaction(() -> desk.versions().all());
        Map<String, List<ProductVersion>> byProduct = all.stream()
                .filter(v -> product.map(p -> p.equalsIgnoreCase(v.product())).orElse(true))
                .collect(Collectors.groupingBy(ProductVersion::product, TreeMap::new, Collectors.toList()));
        if (byProduct.isEmpty()) {
            return Answer.text(product.map(p -> "No versions of " + p + " in the catalogue.")
                    .orElse("The version catalogue is empty: add releases with /version add."));
        }
        List<Answer.Field> fields = new ArrayList<>();
        byProduct.forEach((name, versions) -> fields.add(new Answer.Field(name, versions.stream()
                .sorted(Comparator.comparing((ProductVersion v) -> VersionNumber.parse(v.version()).orElseThrow()).reversed())
                .map(v -> v.version() + " - " + v.releasedOn() + (v.onPremise() ? ", on-premise" : "") + " - "
                        + verdict(supportWindow.judge(v, all, today)))
                .collect(Collectors.joining("\n")), false)));
        return new Answer("", List.of(new Answer.Embed("Product versions (R20)", "Support on " + today + ".", fields,
                Optional.empty(), Cards.BLUE)), List.of(), true);
    }

    private static String verdict(SupportWindow.Verdict verdict) {
        return switch (verdict) {
            case SupportWindow.Verdict.Supported s -> s.until().map(d -> "supported through " + d).orElse("current");
            case SupportWindow.Verdict.Unsupported u -> "not supported";
            case SupportWindow.Verdict.Unknown u -> "unknown";
        };
    }

    private Answer noSuchAccount(String name) {
        List<String> names = desk.contacts().accounts().stream().map(Account::name).limit(20).toList();
        return Cards.refused(List.of(Problem.notFound("account", "There is no account named '" + name + "'."
                + (names.isEmpty() ? "" : " Accounts: " + String.join(", ", names) + "."))));
    }

    private static Answer noSuchContact(EmailAddress email) {
        return Cards.refused(List.of(Problem.notFound("email", "No active authorized contact has the e-mail "
                + email + ".")));
    }
}

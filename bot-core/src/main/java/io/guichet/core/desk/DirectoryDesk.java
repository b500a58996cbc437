package io.guichet.core.desk;

import io.guichet.core.Problem;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.Coverage;
import io.guichet.core.account.ProductCoverage;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.audit.AuditEvent;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.ticket.Actor;
import io.guichet.core.version.ProductVersion;
import io.guichet.core.version.SupportWindow;
import io.guichet.core.version.VersionNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The directory's use cases: customer accounts and their coverage (R1), authorized contacts and their certification
 * (R10), the product versions (R20). Every channel (the Discord console, the command line) calls these, so an act has
 * the same rules, the same audit event and the same words everywhere. Each change is one transaction with its audit
 * event; each refusal says what was wrong and what is accepted.
 */
public final class DirectoryDesk {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDesk.class);
    private static final String VERSION_FORM = "digits and dots, e.g. 9.5 or 10.2.1";

    private final DeskPorts ports;
    private final SupportWindow supportWindow;

    public DirectoryDesk(DeskPorts ports) {
        this.ports = ports;
        this.supportWindow = new SupportWindow(ports.policy().previousVersionSupport());
    }

    /** A new contact, as given: every field already read by the channel. */
    public record NewContact(String account, String name, EmailAddress email, String phone, Language language,
                             Optional<String> discordUserId, Optional<LocalDate> certifiedUntil) {
    }

    /**
     * R10: the customer's written notice a contact change was made on: its reference (a ticket number, a mail's
     * Message-ID or subject, a letter's reference) and the day it was received. Recorded in the change's audit event.
     */
    public record WrittenRequest(String reference, LocalDate receivedOn) {
        public WrittenRequest {
            reference = reference.strip();
        }

        /** How the audit event says it. */
        String audited() {
            return "; on the customer's written request " + reference + " of " + receivedOn;
        }
    }

    /** A released version, as given; {@code version} is checked and written in its canonical form. */
    public record NewVersion(String product, String version, LocalDate releasedOn, boolean onPremise,
                             Optional<LocalDate> retiredOn) {
    }

    /** An account and its contacts, for listing. */
    public record AccountContacts(Account account, List<Contact> contacts) {
    }

    /** A version and whether it is supported on the day asked (R20). */
    public record VersionSupport(ProductVersion version, SupportWindow.Verdict verdict) {
    }

    /** Today, as the desk judges coverage, certification and support. */
    public LocalDate today() {
        return ports.today();
    }

    // ---- accounts (R1)

    /** R1: a new customer account covered through {@code coverageEndsOn} (empty: not covered). */
    public DirectoryOutcome addAccount(Actor.Staff by, String name, Optional<LocalDate> coverageEndsOn,
                                       AccountManager manager) {
        String account = name.strip();
        if (account.isEmpty()) {
            return DirectoryOutcome.Refused.of(Problem.missing("account", "Give the account's name."));
        }
        return ports.inTransaction(desk -> desk.contacts().addAccount(account, coverageEndsOn, manager)
                .<DirectoryOutcome>map(added -> {
                    audit(desk, by, AuditKind.ACCOUNT_ADDED, added.name(), "covered " + coverage(coverageEndsOn)
                            + (manager.name().isBlank() ? "" : "; account manager " + manager.name()));
                    return new DirectoryOutcome.Done("Added account " + added.name() + ", covered "
                            + coverage(coverageEndsOn) + " (R1).");
                })
                .orElseGet(() -> DirectoryOutcome.Refused.of(Problem.conflict("account",
                        "An account named '" + account + "' already exists."))));
    }

    /** R1: the last covered day of an account; empty: no longer covered. */
    public DirectoryOutcome setCoverage(Actor.Staff by, String accountName, Optional<LocalDate> until) {
        return ports.inTransaction(desk -> {
            Optional<Account> account = desk.contacts().accountNamed(accountName.strip());
            if (account.isEmpty() || !desk.contacts().setCoverage(account.get().id(), until)) {
                return noSuchAccount(accountName);
            }
            audit(desk, by, AuditKind.COVERAGE_CHANGED, account.get().name(), "from "
                    + coverage(account.get().coverageEndsOn()) + " to " + coverage(until));
            boolean covered = until.filter(d -> !today().isAfter(d)).isPresent();
            return new DirectoryOutcome.Done(account.get().name() + " is covered " + coverage(until) + " (R1)."
                    + (covered ? "" : " It is not covered today: its mail is refused politely, naming the account manager."));
        });
    }

    /**
     * R1: covers one product for an account through {@code until} (not a past day), besides its coverage for all
     * products. The product is one of the version catalogue's, written as the catalogue spells it.
     */
    public DirectoryOutcome coverProduct(Actor.Staff by, String accountName, String product, LocalDate until) {
        return ports.inTransaction(desk -> {
            Optional<Account> account = desk.contacts().accountNamed(accountName.strip());
            if (account.isEmpty()) {
                return noSuchAccount(accountName);
            }
            List<String> products = desk.versions().all().stream().map(ProductVersion::product).distinct().sorted().toList();
            Optional<String> known = products.stream().filter(p -> p.equalsIgnoreCase(product.strip())).findFirst();
            if (known.isEmpty()) {
                return DirectoryOutcome.Refused.of(Problem.notFound("product", "'" + product.strip()
                        + "' is not a product of the version catalogue. " + (products.isEmpty()
                        ? "The catalogue is empty: add the product's versions first."
                        : "Products: " + String.join(", ", products) + ".")));
            }
            if (until.isBefore(today())) {
                return DirectoryOutcome.Refused.of(Problem.invalid("until", "The last covered day " + until
                        + " is in the past; give today (" + today() + ") or a later day."));
            }
            Coverage before = Coverage.of(account.get(), desk.contacts().productCoverage(account.get().id()));
            desk.contacts().coverProduct(account.get().id(), known.get(), until);
            audit(desk, by, AuditKind.COVERAGE_CHANGED, account.get().name(), known.get() + " from "
                    + coverage(before.entry(known.get()).map(ProductCoverage::coveredUntil)) + " to " + coverage(Optional.of(until)));
            return new DirectoryOutcome.Done(account.get().name() + " is covered for " + known.get() + " "
                    + coverage(Optional.of(until)) + " (R1).");
        });
    }

    /** R1: ends an account's coverage of one product (its coverage for all products is unchanged). */
    public DirectoryOutcome uncoverProduct(Actor.Staff by, String accountName, String product) {
        return ports.inTransaction(desk -> {
            Optional<Account> account = desk.contacts().accountNamed(accountName.strip());
            if (account.isEmpty()) {
                return noSuchAccount(accountName);
            }
            Coverage coverage = Coverage.of(account.get(), desk.contacts().productCoverage(account.get().id()));
            Optional<ProductCoverage> entry = coverage.entry(product);
            if (entry.isEmpty()) {
                List<String> covered = coverage.products().stream().map(ProductCoverage::product).toList();
                return DirectoryOutcome.Refused.of(Problem.notFound("product", account.get().name()
                        + " has no coverage for '" + product.strip() + "'. " + (covered.isEmpty()
                        ? "It has no coverage per product." : "Products covered: " + String.join(", ", covered) + ".")));
            }
            desk.contacts().uncoverProduct(account.get().id(), entry.get().product());
            audit(desk, by, AuditKind.COVERAGE_CHANGED, account.get().name(), entry.get().product() + " from "
                    + coverage(Optional.of(entry.get().coveredUntil())) + " to never");
            return new DirectoryOutcome.Done(account.get().name() + " is no longer covered for " + entry.get().product()
                    + " (R1)." + (coverage.allProductsOn(today()) ? " Its coverage for all products ("
                    + coverage(account.get().coverageEndsOn()) + ") still covers it." : ""));
        });
    }

    /** R1: an account's coverage, for all products and per product. */
    public Optional<Coverage> coverage(String accountName) {
        return ports.inTransaction(desk -> desk.contacts().accountNamed(accountName.strip())
                .map(a -> Coverage.of(a, desk.contacts().productCoverage(a.id()))));
    }

    public List<Account> accounts() {
        return ports.inTransaction(desk -> desk.contacts().accounts());
    }

    public Optional<Account> account(String name) {
        return ports.inTransaction(desk -> desk.contacts().accountNamed(name.strip()));
    }

    // ---- contacts (R10)

    /** R10: a new authorized contact of an account, certified through a day when given (not a past day). */
    public DirectoryOutcome addContact(Actor.Staff by, NewContact contact) {
        return addContact(by, contact, Optional.empty());
    }

    /**
     * R10: a new authorized contact of an account, added on the customer's written request when {@code request} is
     * given (recorded in the audit event).
     */
    public DirectoryOutcome addContact(Actor.Staff by, NewContact contact, Optional<WrittenRequest> request) {
        List<Problem> problems = new ArrayList<>();
        request.flatMap(this::requestProblem).ifPresent(problems::add);
        if (contact.name().isBlank()) {
            problems.add(Problem.missing("name", "Give the contact's full name."));
        }
        contact.certifiedUntil().flatMap(this::certificationEnd).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            return new DirectoryOutcome.Refused(problems);
        }
        return ports.inTransaction(desk -> {
            Optional<Account> account = desk.contacts().accountNamed(contact.account().strip());
            if (account.isEmpty()) {
                return noSuchAccount(contact.account());
            }
            Optional<Contact> added = desk.contacts().addContact(account.get().id(), contact.name().strip(),
                    contact.email(), contact.phone().strip(), contact.language(),
                    contact.discordUserId().map(String::strip).filter(s -> !s.isEmpty()), contact.certifiedUntil());
            if (added.isEmpty()) {
                return DirectoryOutcome.Refused.of(Problem.conflict("email", contact.email()
                        + " is already an active authorized contact."));
            }
            audit(desk, by, AuditKind.CONTACT_ADDED, contact.email().value(), "to account " + account.get().name()
                    + " as " + added.get().name() + ", language " + contact.language().code()
                    + request.map(WrittenRequest::audited).orElse(""));
            contact.certifiedUntil().ifPresent(d -> audit(desk, by, AuditKind.CERTIFIED, contact.email().value(),
                    "through " + d));
            return new DirectoryOutcome.Done(added.get().name() + " <" + added.get().email()
                    + "> is now an authorized contact of " + account.get().name() + " (R10)."
                    + contact.certifiedUntil().map(d -> " Certified administrator through " + d + ".").orElse(""));
        });
    }

    /**
     * R10: many contacts at once, all or nothing: each is added as {@link #addContact} would; if any is refused,
     * none is added and every refusal is returned, its detail prefixed with the contact's label (e.g. "line 7").
     */
    public DirectoryOutcome addContacts(Actor.Staff by, java.util.SequencedMap<String, NewContact> contacts) {
        try {
            return ports.inTransaction(desk -> {
                List<Problem> problems = new ArrayList<>();
                contacts.forEach((label, contact) -> {
                    if (addContact(by, contact) instanceof DirectoryOutcome.Refused refused) {
                        refused.problems().forEach(p -> problems.add(new Problem(p.code(), p.field(),
                                label + ": " + p.detail())));
                    }
                });
                if (!problems.isEmpty()) {
                    throw new RolledBack(new DirectoryOutcome.Refused(problems));
                }
                return new DirectoryOutcome.Done(contacts.size() + " contact(s) authorized (R10).");
            });
        } catch (RolledBack rolledBack) {
            return rolledBack.outcome;
        }
    }

    /** Rolls a transaction back with the outcome to return. */
    private static final class RolledBack extends RuntimeException {
        private final DirectoryOutcome outcome;

        private RolledBack(DirectoryOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    /** R10: withdraws an authorization; the contact stays in the records for the audit trail. */
    public DirectoryOutcome removeContact(Actor.Staff by, EmailAddress email) {
        return removeContact(by, email, Optional.empty());
    }

    /** R10: withdraws an authorization, on the customer's written request when given (recorded in the audit event). */
    public DirectoryOutcome removeContact(Actor.Staff by, EmailAddress email, Optional<WrittenRequest> request) {
        Optional<Problem> bad = request.flatMap(this::requestProblem);
        if (bad.isPresent()) {
            return DirectoryOutcome.Refused.of(bad.get());
        }
        return ports.inTransaction(desk -> {
            Optional<Contact> contact = desk.contacts().activeContact(email);
            if (contact.isEmpty() || !desk.contacts().deactivate(contact.get().id())) {
                return noSuchContact(email);
            }
            audit(desk, by, AuditKind.CONTACT_REMOVED, email.value(), "authorization withdrawn"
                    + request.map(WrittenRequest::audited).orElse(""));
            return new DirectoryOutcome.Done(contact.get().name() + " <" + email + "> is no longer an authorized "
                    + "contact: mail from that address opens no ticket (R10).");
        });
    }

    /**
     * R10: a certification valid through {@code until}, by default one certification period from today (renewed
     * yearly); a past day is refused. The contact's active tickets re-rank at once (R15).
     */
    public DirectoryOutcome certify(Actor.Staff by, EmailAddress email, Optional<LocalDate> until) {
        LocalDate today = today();
        LocalDate through = until.orElse(today.plus(ports.policy().certificationValidity()).minusDays(1));
        Optional<Problem> past = certificationEnd(through);
        if (past.isPresent()) {
            return DirectoryOutcome.Refused.of(past.get());
        }
        return ports.inTransaction(desk -> {
            Optional<Contact> contact = desk.contacts().activeContact(email);
            if (contact.isEmpty() || !desk.contacts().certify(contact.get().id(), Optional.of(through))) {
                return noSuchContact(email);
            }
            int tickets = desk.tickets().refreshSubmitterCertification(contact.get().id(), Optional.of(through));
            audit(desk, by, AuditKind.CERTIFIED, email.value(), "through " + through
                    + contact.get().certifiedUntil().map(d -> " (was through " + d + ")").orElse(""));
            return new DirectoryOutcome.Done(contact.get().name() + " <" + email + "> is a certified administrator "
                    + "through " + through + " (R10); " + tickets + " active ticket(s) now rank as from a certified "
                    + "submitter (R15).");
        });
    }

    /** R10: the contact is no longer a certified administrator; their active tickets re-rank at once (R15). */
    public DirectoryOutcome withdrawCertification(Actor.Staff by, EmailAddress email) {
        return ports.inTransaction(desk -> {
            Optional<Contact> contact = desk.contacts().activeContact(email);
            if (contact.isEmpty() || !desk.contacts().certify(contact.get().id(), Optional.empty())) {
                return noSuchContact(email);
            }
            int tickets = desk.tickets().refreshSubmitterCertification(contact.get().id(), Optional.empty());
            audit(desk, by, AuditKind.CERTIFICATION_WITHDRAWN, email.value(),
                    contact.get().certifiedUntil().map(d -> "was through " + d).orElse("was not certified"));
            return new DirectoryOutcome.Done(contact.get().name() + " <" + email + "> is no longer a certified "
                    + "administrator (R10); " + tickets + " active ticket(s) re-ranked (R15).");
        });
    }

    /**
     * R11: designates an authorized contact as always available (or no longer): when the submitter of a severity-1
     * ticket does not answer a question in time, these contacts are asked too before the ticket is lowered.
     */
    public DirectoryOutcome setAlwaysAvailable(Actor.Staff by, EmailAddress email, boolean available) {
        return ports.inTransaction(desk -> {
            Optional<Contact> contact = desk.contacts().activeContact(email);
            if (contact.isEmpty() || !desk.contacts().setAlwaysAvailable(contact.get().id(), available)) {
                return noSuchContact(email);
            }
            audit(desk, by, AuditKind.AVAILABILITY_CHANGED, email.value(), available ? "always available" : "no longer always available");
            return new DirectoryOutcome.Done(contact.get().name() + " <" + email + "> is "
                    + (available ? "" : "no longer ") + "an always-available contact: "
                    + (available ? "asked" : "not asked") + " when a severity-1 question of the account goes unanswered (R11).");
        });
    }

    /** R11: the always-available contacts of an account; empty when no such account. */
    public Optional<List<Contact>> alwaysAvailable(String accountName) {
        return ports.inTransaction(desk -> desk.contacts().accountNamed(accountName.strip())
                .map(account -> desk.contacts().alwaysAvailable(account.id())));
    }

    /** The contacts of an account, active first then by name; empty when no such account. */
    public Optional<AccountContacts> contactsOf(String accountName) {
        return ports.inTransaction(desk -> desk.contacts().accountNamed(accountName.strip())
                .map(account -> new AccountContacts(account, sorted(desk.contacts().contactsOf(account.id())))));
    }

    /** Every account with its contacts. */
    public List<AccountContacts> allContacts() {
        return ports.inTransaction(desk -> desk.contacts().accounts().stream()
                .map(account -> new AccountContacts(account, sorted(desk.contacts().contactsOf(account.id()))))
                .toList());
    }

    public Optional<Contact> activeContact(EmailAddress email) {
        return ports.inTransaction(desk -> desk.contacts().activeContact(email));
    }

    // ---- versions (R20)

    /** R20: a released version of a product. */
    public DirectoryOutcome addVersion(Actor.Staff by, NewVersion version) {
        List<Problem> problems = new ArrayList<>();
        if (version.product().isBlank()) {
            problems.add(Problem.missing("product", "Give the product's name, e.g. VSA."));
        }
        Optional<VersionNumber> number = VersionNumber.parse(version.version().strip())
                .filter(v -> version.version().strip().matches("[vV]?\\d{1,6}(\\.\\d{1,6}){0,4}"));
        if (number.isEmpty()) {
            problems.add(Problem.invalid("version", "'" + version.version().strip() + "' is not a version number: "
                    + "write it as " + VERSION_FORM + "."));
        }
        if (!problems.isEmpty()) {
            return new DirectoryOutcome.Refused(problems);
        }
        ProductVersion release = new ProductVersion(version.product().strip(), number.orElseThrow().toString(),
                version.releasedOn(), version.onPremise(), version.retiredOn());
        return ports.inTransaction(desk -> desk.versions().add(release).<DirectoryOutcome>map(added -> {
            audit(desk, by, AuditKind.VERSION_ADDED, "version " + added.product() + " " + added.version(),
                    "released " + added.releasedOn() + (added.onPremise() ? ", on-premise" : ", cloud")
                            + added.retiredOn().map(d -> ", product retires " + d).orElse(""));
            return new DirectoryOutcome.Done(added.product() + " " + added.version() + " released "
                    + added.releasedOn() + (added.onPremise() ? " (on-premise)" : " (cloud)") + " is in the catalogue (R20)."
                    + added.retiredOn().map(d -> " The product retires on " + d + ".").orElse(""));
        }).orElseGet(() -> DirectoryOutcome.Refused.of(Problem.conflict("version", release.product() + " "
                + release.version() + " is already in the catalogue."))));
    }

    /** R20: every version (of one product when given), newest first per product, with its support today. */
    public List<VersionSupport> versions(Optional<String> product) {
        LocalDate today = today();
        List<ProductVersion> all = ports.inTransaction(desk -> desk.versions().all());
        return all.stream()
                .filter(v -> product.map(p -> p.strip().equalsIgnoreCase(v.product())).orElse(true))
                .sorted(Comparator.comparing((ProductVersion v) -> v.product().toLowerCase(java.util.Locale.ROOT))
                        .thenComparing(v -> VersionNumber.parse(v.version()).orElseThrow(), Comparator.reverseOrder()))
                .map(v -> new VersionSupport(v, supportWindow.judge(v, all, today)))
                .toList();
    }

    // ---- audit

    /** The audit trail about one subject (an account's name, a contact's address, "version PRODUCT X.Y"). */
    public List<AuditEvent> auditOf(String subject) {
        return ports.inTransaction(desk -> desk.audit().about(subject));
    }

    /** The latest audit events, newest first. */
    public List<AuditEvent> latestAudit(int limit) {
        return ports.inTransaction(desk -> desk.audit().latest(limit));
    }

    private void audit(DeskContext desk, Actor.Staff by, AuditKind kind, String subject, String detail) {
        desk.audit().append(new AuditEvent(ports.clock().instant(), by, kind, subject, detail));
        LOG.info("{} {}: {} by {}", kind, subject, detail, by.label());
    }

    /** R10: a written request names itself and was received by today. */
    private Optional<Problem> requestProblem(WrittenRequest request) {
        if (request.reference().isEmpty()) {
            return Optional.of(Problem.missing("request", "Give the reference of the customer's written request "
                    + "(a ticket number, the mail's subject or Message-ID)."));
        }
        if (request.receivedOn().isAfter(today())) {
            return Optional.of(Problem.invalid("request-date", "The written request cannot be received in the future ("
                    + request.receivedOn() + "): give the day it arrived as YYYY-MM-DD."));
        }
        return Optional.empty();
    }

    /** R10: a certification ends neither in the past nor more than one certification period ahead (renewed yearly). */
    private Optional<Problem> certificationEnd(LocalDate through) {
        LocalDate today = today();
        LocalDate latest = today.plus(ports.policy().certificationValidity()).minusDays(1);
        if (through.isAfter(latest)) {
            return Optional.of(Problem.invalid("until", "A certification is renewed every "
                    + ports.policy().certificationValidity() + " (R10): it cannot end after " + latest + " (" + through
                    + " given); give a day up to " + latest + " as YYYY-MM-DD, or none for the full period."));
        }
        return through.isBefore(today)
                ? Optional.of(Problem.invalid("until", "A certification cannot end in the past (" + through
                + "): give today or a later day as YYYY-MM-DD."))
                : Optional.empty();
    }

    private static List<Contact> sorted(List<Contact> contacts) {
        return contacts.stream().sorted(Comparator.comparing((Contact c) -> !c.active()).thenComparing(Contact::name))
                .toList();
    }

    private DirectoryOutcome noSuchAccount(String name) {
        return DirectoryOutcome.Refused.of(unknownAccount(name));
    }

    /** The refusal for an account name that matches none, naming the accounts there are (the first 20). */
    public Problem unknownAccount(String name) {
        List<String> names = ports.inTransaction(desk -> desk.contacts().accounts()).stream()
                .map(Account::name).limit(20).toList();
        return Problem.notFound("account", "There is no account named '" + name.strip() + "'."
                + (names.isEmpty() ? "" : " Accounts: " + String.join(", ", names) + "."));
    }

    private static DirectoryOutcome noSuchContact(EmailAddress email) {
        return DirectoryOutcome.Refused.of(Problem.notFound("email", "No active authorized contact has the e-mail "
                + email + "."));
    }

    private static String coverage(Optional<LocalDate> until) {
        return until.map(d -> "through " + d).orElse("never");
    }
}

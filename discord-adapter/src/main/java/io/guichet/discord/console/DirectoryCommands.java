package io.guichet.discord.console;

import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.DirectoryDesk;
import io.guichet.core.version.SupportWindow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.guichet.discord.console.StaffRoles.Role.MANAGER;

/**
 * {@code /contact}, {@code /account} and {@code /version}: the managers' commands on authorized contacts (R10),
 * coverage (R1) and the version catalogue (R20). The rules, the audit and the words are the core's
 * {@link DirectoryDesk}'s, the same as at the command line; this class only reads the options and lays out lists.
 */
final class DirectoryCommands {

    private final DirectoryDesk directory;

    DirectoryCommands(DirectoryDesk directory) {
        this.directory = directory;
    }

    void register(Routes routes) {
        routes.add("contact add", MANAGER, this::addContact);
        routes.add("contact remove", MANAGER, this::removeContact);
        routes.add("contact list", MANAGER, this::listContacts);
        routes.add("contact certify", MANAGER, this::certify);
        routes.add("contact available", MANAGER, this::available);
        routes.add("account coverage", MANAGER, this::coverage);
        routes.add("account cover", MANAGER, this::cover);
        routes.add("account uncover", MANAGER, this::uncover);
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
        Optional<DirectoryDesk.WrittenRequest> request = writtenRequest(o);
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return Cards.outcome(directory.addContact(caller.actor(), new DirectoryDesk.NewContact(accountName.orElseThrow(),
                name.orElseThrow(), email.orElseThrow(), phone.orElseThrow(), language.orElseThrow(), discordUser,
                certifiedUntil.orElseThrow()), request));
    }

    /** R10: withdraws an authorization; the contact stays in the records for the audit trail. */
    private Answer removeContact(Caller caller, Options o) {
        Optional<EmailAddress> email = o.email("email");
        Optional<DirectoryDesk.WrittenRequest> request = writtenRequest(o);
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return Cards.outcome(directory.removeContact(caller.actor(), email.orElseThrow(), request));
    }

    /** R10: the customer's written request (reference and day received), both options or neither. */
    private static Optional<DirectoryDesk.WrittenRequest> writtenRequest(Options o) {
        Optional<String> reference = o.optionalText("request");
        Optional<Optional<LocalDate>> day = o.optionalDate("request-date");
        if (day.isEmpty()) {
            return Optional.empty();
        }
        if (reference.isPresent() != day.get().isPresent()) {
            o.problem(io.guichet.core.Problem.missing("request", "request and request-date go together: the "
                    + "written request's reference and the day it arrived (YYYY-MM-DD)."));
            return Optional.empty();
        }
        return reference.map(r -> new DirectoryDesk.WrittenRequest(r, day.get().orElseThrow()));
    }

    private Answer listContacts(Caller caller, Options o) {
        Optional<String> accountName = o.requiredText("account");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        Optional<DirectoryDesk.AccountContacts> found = directory.contactsOf(accountName.orElseThrow());
        if (found.isEmpty()) {
            return Cards.refused(List.of(directory.unknownAccount(accountName.orElseThrow())));
        }
        LocalDate today = directory.today();
        Account account = found.get().account();
        List<Contact> contacts = found.get().contacts();
        List<Answer.Field> fields = contacts.stream().map(c -> new Answer.Field(
                c.name() + (c.active() ? "" : " (removed)"),
                c.email() + "\n" + c.phone() + " - " + c.language().code()
                        + c.certifiedUntil().map(d -> (c.certifiedOn(today) ? "\ncertified through " : "\ncertification ended ") + d)
                        .orElse("\nnot certified"), true)).toList();
        String coverage = account.coverageEndsOn()
                .map(d -> (account.coveredOn(today) ? "Covered through " : "Coverage ended ") + d)
                .orElse("No coverage recorded") + directory.coverage(account.name()).map(c -> c.products().stream()
                .map(p -> p.product() + (p.coveredOn(today) ? " through " : " ended ") + p.coveredUntil())
                .reduce((a, b) -> a + ", " + b).map(list -> " for all products; per product: " + list).orElse(""))
                .orElse("");
        String description = coverage + ". Account manager: " + account.manager().name() + ". "
                + contacts.size() + " contact(s)" + (contacts.size() > DiscordText.FIELDS ? ", first 25 shown." : ".");
        return new Answer("", List.of(new Answer.Embed("Contacts of " + account.name(), description, fields,
                Optional.empty(), Cards.BLUE)), List.of(), true);
    }

    /** R10: a certification valid through a day (by default one certification period from today). */
    private Answer certify(Caller caller, Options o) {
        Optional<EmailAddress> email = o.email("email");
        Optional<Optional<LocalDate>> until = o.optionalDate("until");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return Cards.outcome(directory.certify(caller.actor(), email.orElseThrow(), until.orElseThrow()));
    }

    /** R11: designates a contact always available for severity-1 questions (or no longer). */
    private Answer available(Caller caller, Options o) {
        Optional<EmailAddress> email = o.email("email");
        boolean off = o.optionalText("available").map(v -> v.equalsIgnoreCase("no")).orElse(false);
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return Cards.outcome(directory.setAlwaysAvailable(caller.actor(), email.orElseThrow(), !off));
    }

    /** R1: the last covered day of an account. */
    private Answer coverage(Caller caller, Options o) {
        Optional<String> accountName = o.requiredText("account");
        Optional<LocalDate> until = o.date("until");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return Cards.outcome(directory.setCoverage(caller.actor(), accountName.orElseThrow(), until));
    }

    /** R1: one product covered through a day, besides the coverage for all products. */
    private Answer cover(Caller caller, Options o) {
        Optional<String> accountName = o.requiredText("account");
        Optional<String> product = o.requiredText("product");
        Optional<LocalDate> until = o.date("until");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return Cards.outcome(directory.coverProduct(caller.actor(), accountName.orElseThrow(), product.orElseThrow(),
                until.orElseThrow()));
    }

    /** R1: the coverage of one product ended. */
    private Answer uncover(Caller caller, Options o) {
        Optional<String> accountName = o.requiredText("account");
        Optional<String> product = o.requiredText("product");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return Cards.outcome(directory.uncoverProduct(caller.actor(), accountName.orElseThrow(), product.orElseThrow()));
    }

    /** R20: a released version of a product. */
    private Answer addVersion(Caller caller, Options o) {
        Optional<String> product = o.requiredText("product");
        Optional<String> version = o.requiredText("version");
        Optional<LocalDate> released = o.date("released");
        Optional<Boolean> onPremise = o.flag("on-premise", true);
        Optional<Optional<LocalDate>> retired = o.optionalDate("retired");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return Cards.outcome(directory.addVersion(caller.actor(), new DirectoryDesk.NewVersion(product.orElseThrow(),
                version.orElseThrow(), released.orElseThrow(), onPremise.orElseThrow(), retired.orElseThrow())));
    }

    /** R20: each version and whether it is supported today. */
    private Answer listVersions(Caller caller, Options o) {
        Optional<String> product = o.optionalText("product");
        List<DirectoryDesk.VersionSupport> versions = directory.versions(product);
        if (versions.isEmpty()) {
            return Answer.text(product.map(p -> "No versions of " + p + " in the catalogue.")
                    .orElse("The version catalogue is empty: add releases with /version add."));
        }
        Map<String, List<DirectoryDesk.VersionSupport>> byProduct = versions.stream()
                .collect(Collectors.groupingBy(v -> v.version().product(), LinkedHashMap::new, Collectors.toList()));
        List<Answer.Field> fields = new ArrayList<>();
        byProduct.forEach((name, list) -> fields.add(new Answer.Field(name, list.stream()
                .map(v -> v.version().version() + " - " + v.version().releasedOn()
                        + (v.version().onPremise() ? ", on-premise" : "") + " - " + verdict(v.verdict()))
                .collect(Collectors.joining("\n")), false)));
        return new Answer("", List.of(new Answer.Embed("Product versions (R20)", "Support on " + directory.today() + ".",
                fields, Optional.empty(), Cards.BLUE)), List.of(), true);
    }

    private static String verdict(SupportWindow.Verdict verdict) {
        return switch (verdict) {
            case SupportWindow.Verdict.Supported s -> s.until().map(d -> "supported through " + d).orElse("current");
            case SupportWindow.Verdict.Unsupported u -> "not supported";
            case SupportWindow.Verdict.Unknown u -> "unknown";
        };
    }
}

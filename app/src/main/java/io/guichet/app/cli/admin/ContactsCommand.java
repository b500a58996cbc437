package io.guichet.app.cli.admin;

import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/** {@code guichet contacts}: the authorized contacts of the accounts (R10). */
@Command(name = "contacts", mixinStandardHelpOptions = true, description = "Authorized contacts (R10).",
        subcommands = {ContactsCommand.Add.class, ContactsCommand.Remove.class, ContactsCommand.List.class,
                ContactsCommand.Certify.class, ContactImport.class})
public final class ContactsCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Authorize a contact of an account.")
    static final class Add extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The account's name.")
        String account;
        @Parameters(index = "1", paramLabel = "EMAIL", description = "The contact's e-mail address: mail from it opens tickets.")
        String email;
        @Option(names = "--name", required = true, description = "The contact's full name.")
        String name;
        @Option(names = "--phone", defaultValue = "", description = "Direct phone number.")
        String phone;
        @Option(names = "--language", defaultValue = "en", description = "en or fr: the language of answers.")
        String language;
        @Option(names = "--certified-until", paramLabel = "DATE", description = "Certification valid through this day.")
        String certifiedUntil;
        @Option(names = "--discord-id", paramLabel = "ID", description = "The contact's Discord user id, if any.")
        String discordId;

        @Override
        void run(AdminStores stores, PrintWriter out) {
            EmailAddress address = Arguments.email("EMAIL", email);
            Language lang = Arguments.language("--language", language);
            Optional<LocalDate> certified = Optional.ofNullable(certifiedUntil)
                    .map(d -> Arguments.date("--certified-until", d));
            Account owner = AccountsCommand.named(stores, account);
            Contact contact = stores.contacts().addContact(owner.id(), name.strip(), address, phone.strip(), lang,
                    Optional.ofNullable(discordId).filter(s -> !s.isBlank()), certified)
                    .orElseThrow(() -> AdminProblem.usage("EMAIL: " + address + " is already an authorized contact."));
            out.println("Authorized " + contact.name() + " <" + contact.email() + "> for " + owner.name() + ".");
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Withdraw a contact's authorization (kept in the audit trail).")
    static final class Remove extends AdminCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        void run(AdminStores stores, PrintWriter out) {
            Contact contact = active(stores, Arguments.email("EMAIL", email));
            stores.contacts().deactivate(contact.id());
            out.println("Removed " + contact.email() + ": it can no longer open tickets.");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the contacts, of one account or all.")
    static final class List extends AdminCommand {
        @Parameters(paramLabel = "ACCOUNT", arity = "0..1")
        String account;

        @Override
        void run(AdminStores stores, PrintWriter out) {
            LocalDate today = stores.today();
            java.util.List<Account> accounts = account == null ? stores.contacts().accounts()
                    : java.util.List.of(AccountsCommand.named(stores, account));
            int shown = 0;
            for (Account a : accounts) {
                for (Contact c : stores.contacts().contactsOf(a.id())) {
                    out.printf("%-20s %-32s %-22s %-3s %-8s %s%n", a.name(), c.email(), c.name(), c.language().code(),
                            c.active() ? "active" : "removed", c.certifiedUntil()
                                    .map(d -> (c.certifiedOn(today) ? "certified through " : "certification ended ") + d)
                                    .orElse(""));
                    shown++;
                }
            }
            if (shown == 0) {
                out.println("No contacts" + (account == null ? "" : " for " + account) + ".");
            }
        }
    }

    @Command(name = "certify", mixinStandardHelpOptions = true,
            description = "Record a contact's certification (R10); it gives their tickets priority (R15).")
    static final class Certify extends AdminCommand {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;
        @Parameters(index = "1", paramLabel = "DATE", description = "Valid through this day (YYYY-MM-DD), or none.")
        String date;

        @Override
        void run(AdminStores stores, PrintWriter out) {
            Optional<LocalDate> until = Arguments.dateOrNone("DATE", date);
            Contact contact = active(stores, Arguments.email("EMAIL", email));
            int refreshed = stores.transactions().inTransaction(() -> {
                stores.contacts().certify(contact.id(), until);
                return stores.tickets().refreshSubmitterCertification(contact.id(), until);
            });
            out.println(contact.email() + (until.isPresent() ? " is certified through " + until.get()
                    : " is no longer certified") + "; " + refreshed + " active ticket(s) re-ranked.");
        }
    }

    static Contact active(AdminStores stores, EmailAddress address) {
        return stores.contacts().activeContact(address).orElseThrow(() ->
                AdminProblem.notFound(address + " is not an authorized contact (see: guichet contacts list)."));
    }
}

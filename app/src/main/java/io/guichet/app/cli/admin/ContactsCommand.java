package io.guichet.app.cli.admin;

import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.DirectoryDesk;
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
        void run(AdminDesks admin, PrintWriter out) {
            EmailAddress address = Arguments.email("EMAIL", email);
            Language lang = Arguments.language("--language", language);
            Optional<LocalDate> certified = Optional.ofNullable(certifiedUntil)
                    .map(d -> Arguments.date("--certified-until", d));
            out.println(AdminDesks.done(admin.desks().directory().addContact(admin.operator(),
                    new DirectoryDesk.NewContact(account, name, address, phone, lang,
                            Optional.ofNullable(discordId).filter(s -> !s.isBlank()), certified))));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Withdraw a contact's authorization (kept in the audit trail).")
    static final class Remove extends AdminCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().directory().removeContact(admin.operator(),
                    Arguments.email("EMAIL", email))));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the contacts, of one account or all.")
    static final class List extends AdminCommand {
        @Parameters(paramLabel = "ACCOUNT", arity = "0..1")
        String account;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            LocalDate today = admin.desks().directory().today();
            java.util.List<DirectoryDesk.AccountContacts> accounts = account == null
                    ? admin.desks().directory().allContacts()
                    : java.util.List.of(admin.desks().directory().contactsOf(account).orElseThrow(() ->
                    AdminProblem.notFound("there is no account named '" + account + "' (see: guichet accounts list).")));
            int shown = 0;
            for (DirectoryDesk.AccountContacts listed : accounts) {
                Account a = listed.account();
                for (Contact c : listed.contacts()) {
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
        @Parameters(index = "1", paramLabel = "DATE", arity = "0..1",
                description = "Valid through this day (YYYY-MM-DD); omitted: one certification period from today; none: withdrawn.")
        String date;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            EmailAddress address = Arguments.email("EMAIL", email);
            DirectoryDesk directory = admin.desks().directory();
            if (date != null && date.strip().equalsIgnoreCase("none")) {
                out.println(AdminDesks.done(directory.withdrawCertification(admin.operator(), address)));
                return;
            }
            Optional<LocalDate> until = Optional.ofNullable(date).map(d -> Arguments.date("DATE", d));
            out.println(AdminDesks.done(directory.certify(admin.operator(), address, until)));
        }
    }
}

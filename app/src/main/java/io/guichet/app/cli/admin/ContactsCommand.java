package io.guichet.app.cli.admin;

import io.guichet.app.cli.JsonOutput;
import io.guichet.app.cli.Table;
import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.DirectoryDesk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;

/** {@code guichet contacts}: the authorized contacts of the accounts (R10). */
@Command(name = "contacts", mixinStandardHelpOptions = true, description = "Authorized contacts (R10).",
        subcommands = {ContactsCommand.Add.class, ContactsCommand.Remove.class, ContactsCommand.List.class,
                ContactsCommand.Certify.class, ContactsCommand.Available.class, ContactImport.class})
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
        @Mixin
        WrittenRequestOptions request;

        private EmailAddress address;
        private Language lang;
        private Optional<LocalDate> certified;
        private Optional<DirectoryDesk.WrittenRequest> written;

        @Override
        void checkArguments() {
            address = Arguments.email("EMAIL", email);
            lang = Arguments.language("--language", language);
            certified = Optional.ofNullable(certifiedUntil).map(d -> Arguments.date("--certified-until", d));
            written = request.read();
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().directory().addContact(admin.operator(),
                    new DirectoryDesk.NewContact(account, name, address, phone, lang,
                            Optional.ofNullable(discordId).filter(s -> !s.isBlank()), certified), written)));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Withdraw a contact's authorization (kept in the audit trail).")
    static final class Remove extends AdminCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Mixin
        WrittenRequestOptions request;

        private EmailAddress address;
        private Optional<DirectoryDesk.WrittenRequest> written;

        @Override
        void checkArguments() {
            address = Arguments.email("EMAIL", email);
            written = request.read();
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().directory().removeContact(admin.operator(), address, written)));
        }
    }

    /** R10: the customer's written request a contact change is made on (both options or neither). */
    static final class WrittenRequestOptions {
        @Option(names = "--request", paramLabel = "REF",
                description = "Reference of the customer's written request (ticket number, mail subject or Message-ID).")
        String reference;
        @Option(names = "--request-date", paramLabel = "DATE", description = "The day the written request arrived.")
        String date;

        Optional<DirectoryDesk.WrittenRequest> read() {
            if (reference == null && date == null) {
                return Optional.empty();
            }
            if (reference == null || date == null) {
                throw AdminProblem.usage("--request and --request-date go together: the written request's reference "
                        + "and the day it arrived (YYYY-MM-DD).");
            }
            return Optional.of(new DirectoryDesk.WrittenRequest(reference, Arguments.date("--request-date", date)));
        }
    }

    /**
     * The JSON form: an array of {@code {"account", "email", "name", "phone", "language": "en"|"fr", "active": bool,
     * "certifiedUntil": "YYYY-MM-DD"|null, "certified": bool, "discordId": string|null}}.
     */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the contacts, of one account or all.")
    static final class List extends AdminCommand {
        @Parameters(paramLabel = "ACCOUNT", arity = "0..1")
        String account;
        @Option(names = "--json", description = "One JSON array (its shape: docs/operations.md).")
        boolean json;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            LocalDate today = admin.desks().directory().today();
            java.util.List<DirectoryDesk.AccountContacts> accounts = account == null
                    ? admin.desks().directory().allContacts()
                    : java.util.List.of(admin.desks().directory().contactsOf(account).orElseThrow(() ->
                    AdminProblem.notFound("there is no account named '" + account + "' (see: guichet accounts list).")));
            java.util.List<Object> rows = new java.util.ArrayList<>();
            Table table = new Table("ACCOUNT", "EMAIL", "NAME", "LANG", "STATUS", "CERTIFIED");
            for (DirectoryDesk.AccountContacts listed : accounts) {
                Account a = listed.account();
                for (Contact c : listed.contacts()) {
                    rows.add(JsonOutput.object("account", a.name(), "email", c.email().value(), "name", c.name(),
                            "phone", c.phone(), "language", c.language().code(), "active", c.active(),
                            "certifiedUntil", c.certifiedUntil(), "certified", c.certifiedOn(today),
                            "discordId", c.discordUserId()));
                    table.row(a.name(), c.email().value(), c.name(), c.language().code(),
                            c.active() ? "active" : "removed", c.certifiedUntil()
                                    .map(d -> (c.certifiedOn(today) ? "through " : "ended ") + d).orElse("-"));
                }
            }
            if (json) {
                JsonOutput.print(out, rows);
            } else if (rows.isEmpty()) {
                out.println("No contacts" + (account == null ? "" : " for " + account) + ".");
            } else {
                table.print(out);
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

        private EmailAddress address;
        private boolean withdraw;
        private Optional<LocalDate> until;

        @Override
        void checkArguments() {
            address = Arguments.email("EMAIL", email);
            withdraw = date != null && date.strip().equalsIgnoreCase("none");
            until = withdraw ? Optional.empty() : Optional.ofNullable(date).map(d -> Arguments.date("DATE", d));
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            DirectoryDesk directory = admin.desks().directory();
            out.println(AdminDesks.done(withdraw ? directory.withdrawCertification(admin.operator(), address)
                    : directory.certify(admin.operator(), address, until)));
        }
    }

    @Command(name = "available", mixinStandardHelpOptions = true,
            description = "Designate a contact always available (R11): asked when a severity-1 question goes unanswered.")
    static final class Available extends AdminCommand {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;
        @Option(names = "--off", description = "No longer always available.")
        boolean off;

        private EmailAddress address;

        @Override
        void checkArguments() {
            address = Arguments.email("EMAIL", email);
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().directory().setAlwaysAvailable(admin.operator(), address, !off)));
        }
    }
}

package io.guichet.app.cli.admin;

import io.guichet.app.cli.JsonOutput;
import io.guichet.app.cli.Table;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.ProductCoverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;

/** {@code guichet accounts}: customer accounts and their coverage (R1). */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Customer accounts and their coverage (R1).",
        subcommands = {AccountsCommand.Add.class, AccountsCommand.List.class, AccountsCommand.Show.class,
                AccountsCommand.Coverage.class, AccountsCommand.Cover.class, AccountsCommand.Uncover.class})
public final class AccountsCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a covered customer account.")
    static final class Add extends AdminCommand {
        @Parameters(paramLabel = "NAME", description = "Account name, unique.")
        String name;
        @Option(names = "--coverage-until", required = true, paramLabel = "DATE",
                description = "Last covered day (YYYY-MM-DD), or none.")
        String coverage;
        @Option(names = "--manager-name", defaultValue = "", description = "The vendor's account manager.")
        String managerName;
        @Option(names = "--manager-email", defaultValue = "", description = "The account manager's e-mail.")
        String managerEmail;

        private Optional<LocalDate> until;

        @Override
        void checkArguments() {
            until = Arguments.dateOrNone("--coverage-until", coverage);
            if (!managerEmail.isBlank()) {
                Arguments.email("--manager-email", managerEmail);
            }
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().directory().addAccount(admin.operator(), name, until,
                    new AccountManager(managerName.strip(), managerEmail.strip()))));
        }
    }

    /**
     * The JSON form: an array of {@code {"name", "coverageUntil": "YYYY-MM-DD"|null, "active": bool, "manager":
     * {"name", "email"}|null}}.
     */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts and their coverage.")
    static final class List extends AdminCommand {
        @Option(names = "--json", description = "One JSON array (its shape: docs/operations.md).")
        boolean json;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            LocalDate today = admin.desks().directory().today();
            java.util.List<Account> accounts = admin.desks().directory().accounts();
            // R1: an account not covered for all products may still be covered for some
            java.util.function.Predicate<Account> active = a -> a.coveredOn(today) || admin.desks().directory()
                    .coverage(a.name()).map(c -> c.anyOn(today)).orElse(false);
            if (json) {
                JsonOutput.print(out, accounts.stream().map(a -> JsonOutput.object("name", a.name(),
                        "coverageUntil", a.coverageEndsOn(), "active", active.test(a),
                        "manager", a.manager().name().isBlank() && a.manager().email().isBlank() ? null
                                : JsonOutput.object("name", a.manager().name(), "email", a.manager().email()))).toList());
                return;
            }
            if (accounts.isEmpty()) {
                out.println("No accounts yet: add one with 'guichet accounts add'.");
                return;
            }
            Table table = new Table("NAME", "COVERED THROUGH", "STATUS", "MANAGER");
            for (Account a : accounts) {
                table.row(a.name(), a.coverageEndsOn().map(LocalDate::toString).orElse("never"),
                        a.coveredOn(today) ? "active" : active.test(a) ? "some products" : "EXPIRED",
                        a.manager().name().isBlank() ? "-" : a.manager().name() + " <" + a.manager().email() + ">");
            }
            table.print(out);
        }
    }

    @Command(name = "coverage", mixinStandardHelpOptions = true, description = "Set the last covered day of an account (R1).")
    static final class Coverage extends AdminCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The account's name.")
        String name;
        @Parameters(index = "1", paramLabel = "DATE", description = "Last covered day (YYYY-MM-DD), or none.")
        String date;

        private Optional<LocalDate> until;

        @Override
        void checkArguments() {
            until = Arguments.dateOrNone("DATE", date);
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().directory().setCoverage(admin.operator(), name, until)));
        }
    }

    /**
     * R1: one account's coverage, for all products and per product. The JSON form: {@code {"name",
     * "coverageUntil": "YYYY-MM-DD"|null, "active": bool, "products": [{"product", "coveredUntil", "active"}],
     * "manager": {"name", "email"}|null}}.
     */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One account's coverage, for all products and per product (R1).")
    static final class Show extends AdminCommand {
        @Parameters(paramLabel = "NAME", description = "The account's name.")
        String name;
        @Option(names = "--json", description = "One JSON object (its shape: docs/operations.md).")
        boolean json;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            Account account = named(admin, name);
            var coverage = admin.desks().directory().coverage(account.name()).orElseThrow();
            LocalDate today = admin.desks().directory().today();
            if (json) {
                JsonOutput.print(out, JsonOutput.object("name", account.name(),
                        "coverageUntil", account.coverageEndsOn(), "active", coverage.anyOn(today),
                        "products", coverage.products().stream().map(p -> JsonOutput.object("product", p.product(),
                                "coveredUntil", p.coveredUntil(), "active", p.coveredOn(today))).toList(),
                        "manager", account.manager().name().isBlank() && account.manager().email().isBlank() ? null
                                : JsonOutput.object("name", account.manager().name(), "email", account.manager().email())));
                return;
            }
            out.println("Account " + account.name());
            out.println("  all products  " + account.coverageEndsOn()
                    .map(d -> (coverage.allProductsOn(today) ? "covered through " : "coverage ended ") + d)
                    .orElse("not covered"));
            if (coverage.products().isEmpty()) {
                out.println("  per product   none");
            }
            for (ProductCoverage p : coverage.products()) {
                out.println("  " + p.product() + "  " + (p.coveredOn(today) ? "covered through " : "coverage ended ")
                        + p.coveredUntil());
            }
            out.println("  manager       " + (account.manager().name().isBlank() ? "-"
                    : account.manager().name() + " <" + account.manager().email() + ">"));
        }
    }

    @Command(name = "cover", mixinStandardHelpOptions = true,
            description = "Cover one product of an account through a day, besides its coverage for all products (R1).")
    static final class Cover extends AdminCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The account's name.")
        String name;
        @Parameters(index = "1", paramLabel = "PRODUCT", description = "A product of the version catalogue, e.g. VSA.")
        String product;
        @Option(names = "--until", required = true, paramLabel = "DATE", description = "Last covered day (YYYY-MM-DD).")
        String date;

        private LocalDate until;

        @Override
        void checkArguments() {
            until = Arguments.date("--until", date);
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().directory().coverProduct(admin.operator(), name, product, until)));
        }
    }

    @Command(name = "uncover", mixinStandardHelpOptions = true,
            description = "End an account's coverage of one product (R1); its coverage for all products is unchanged.")
    static final class Uncover extends AdminCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The account's name.")
        String name;
        @Parameters(index = "1", paramLabel = "PRODUCT", description = "A product the account is covered for.")
        String product;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().directory().uncoverProduct(admin.operator(), name, product)));
        }
    }

    static Account named(AdminDesks admin, String name) {
        return admin.desks().directory().account(name).orElseThrow(() ->
                AdminProblem.notFound("there is no account named '" + name + "' (see: guichet accounts list)."));
    }
}

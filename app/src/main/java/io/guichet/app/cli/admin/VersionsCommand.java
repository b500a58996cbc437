package io.guichet.app.cli.admin;

import io.guichet.core.version.ProductVersion;
import io.guichet.core.version.SupportWindow;
import io.guichet.core.version.VersionNumber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@code guichet versions}: the product versions and their support window (R20). */
@Command(name = "versions", mixinStandardHelpOptions = true, description = "Product versions and their support (R20).",
        subcommands = {VersionsCommand.Add.class, VersionsCommand.ListVersions.class})
public final class VersionsCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Record a released product version.")
    static final class Add extends AdminCommand {
        @Parameters(index = "0", paramLabel = "PRODUCT", description = "The product, e.g. VSA.")
        String product;
        @Parameters(index = "1", paramLabel = "VERSION", description = "e.g. 10.0 or 9.5.2")
        String version;
        @Option(names = "--released", required = true, paramLabel = "DATE", description = "Release day (YYYY-MM-DD).")
        String released;
        @Option(names = "--cloud", description = "A hosted version (not on-premise): no previous-version support.")
        boolean cloud;
        @Option(names = "--retired", paramLabel = "DATE", description = "Announced end of the whole product line.")
        String retired;

        @Override
        void run(AdminStores stores, PrintWriter out) {
            if (VersionNumber.parse(version).filter(v -> v.toString().equals(version.strip())).isEmpty()) {
                throw AdminProblem.usage("VERSION: '" + version + "' is not a version number such as 10.0 or 9.5.2.");
            }
            ProductVersion added = stores.versions().add(new ProductVersion(product.strip(), version.strip(),
                    Arguments.date("--released", released), !cloud,
                    Optional.ofNullable(retired).map(d -> Arguments.date("--retired", d))))
                    .orElseThrow(() -> AdminProblem.usage(product + " " + version + " is already recorded."));
            out.println("Recorded " + added.product() + " " + added.version() + ", released " + added.releasedOn() + ".");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the versions and whether they are supported today.")
    static final class ListVersions extends AdminCommand {
        @Override
        void run(AdminStores stores, PrintWriter out) {
            LocalDate today = stores.today();
            List<ProductVersion> all = stores.versions().all();
            SupportWindow window = new SupportWindow(stores.policy().previousVersionSupport());
            if (all.isEmpty()) {
                out.println("No versions recorded: add them with 'guichet versions add'.");
            }
            for (ProductVersion v : all) {
                String verdict = switch (window.judge(v, all, today)) {
                    case SupportWindow.Verdict.Supported s -> "supported" + s.until().map(d -> " through " + d).orElse(" (current)");
                    case SupportWindow.Verdict.Unsupported u -> "NOT supported: " + u.reason();
                    case SupportWindow.Verdict.Unknown u -> "unknown";
                };
                out.printf("%-12s %-10s released %s%s  %s%n", v.product(), v.version(), v.releasedOn(),
                        v.onPremise() ? "" : " (cloud)", verdict);
            }
        }
    }
}

package io.guichet.app.cli.admin;

import io.guichet.app.cli.JsonOutput;
import io.guichet.app.cli.Table;
import io.guichet.core.desk.DirectoryDesk;
import io.guichet.core.version.ProductVersion;
import io.guichet.core.version.SupportWindow;
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

        private LocalDate releasedOn;
        private Optional<LocalDate> retiredOn;

        @Override
        void checkArguments() {
            releasedOn = Arguments.date("--released", released);
            retiredOn = Optional.ofNullable(retired).map(d -> Arguments.date("--retired", d));
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().directory().addVersion(admin.operator(),
                    new DirectoryDesk.NewVersion(product, version, releasedOn, !cloud, retiredOn))));
        }
    }

    /**
     * The JSON form: an array of {@code {"product", "version", "released": "YYYY-MM-DD", "onPremise": bool,
     * "retired": "YYYY-MM-DD"|null, "support": "supported"|"unsupported"|"unknown", "supportedUntil":
     * "YYYY-MM-DD"|null, "reason": string|null}}.
     */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the versions and whether they are supported today.")
    static final class ListVersions extends AdminCommand {
        @Option(names = "--json", description = "One JSON array (its shape: docs/operations.md).")
        boolean json;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            List<DirectoryDesk.VersionSupport> all = admin.desks().directory().versions(Optional.empty());
            if (json) {
                JsonOutput.print(out, all.stream().map(support -> {
                    ProductVersion v = support.version();
                    return JsonOutput.object("product", v.product(), "version", v.version(), "released", v.releasedOn(),
                            "onPremise", v.onPremise(), "retired", v.retiredOn(),
                            "support", switch (support.verdict()) {
                                case SupportWindow.Verdict.Supported s -> "supported";
                                case SupportWindow.Verdict.Unsupported u -> "unsupported";
                                case SupportWindow.Verdict.Unknown u -> "unknown";
                            },
                            "supportedUntil", support.verdict() instanceof SupportWindow.Verdict.Supported s
                                    ? s.until() : Optional.empty(),
                            "reason", support.verdict() instanceof SupportWindow.Verdict.Unsupported u
                                    ? u.reason() : null);
                }).toList());
                return;
            }
            if (all.isEmpty()) {
                out.println("No versions recorded: add them with 'guichet versions add'.");
                return;
            }
            Table table = new Table("PRODUCT", "VERSION", "RELEASED", "KIND", "SUPPORT");
            for (DirectoryDesk.VersionSupport support : all) {
                ProductVersion v = support.version();
                String verdict = switch (support.verdict()) {
                    case SupportWindow.Verdict.Supported s -> "supported" + s.until().map(d -> " through " + d).orElse(" (current)");
                    case SupportWindow.Verdict.Unsupported u -> "NOT supported: " + u.reason();
                    case SupportWindow.Verdict.Unknown u -> "unknown";
                };
                table.row(v.product(), v.version(), v.releasedOn().toString(), v.onPremise() ? "on-premise" : "cloud",
                        verdict);
            }
            table.print(out);
        }
    }
}

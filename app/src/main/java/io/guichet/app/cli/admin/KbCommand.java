package io.guichet.app.cli.admin;

import io.guichet.app.cli.JsonOutput;
import io.guichet.app.cli.Table;
import io.guichet.core.account.Language;
import io.guichet.core.kb.Article;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code guichet kb}: the knowledge base customers are pointed to (R12e, R19). */
@Command(name = "kb", mixinStandardHelpOptions = true, description = "Knowledge-base articles (R12e, R19).",
        subcommands = {KbCommand.Import.class, KbCommand.Search.class})
public final class KbCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import the Markdown articles (*.md) of a directory; all or nothing; same slug = update.")
    static final class Import extends AdminCommand {
        @Parameters(paramLabel = "DIR")
        Path directory;

        private List<Article> articles;

        @Override
        void checkArguments() {
            if (!Files.isDirectory(directory)) {
                throw AdminProblem.usage("DIR: " + directory + " is not a directory.");
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(directory)) {
                files = list.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".md")).sorted().toList();
            } catch (IOException e) {
                throw AdminProblem.usage("DIR: " + directory + " cannot be read (" + e.getMessage() + ").");
            }
            articles = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Path file : files) {
                try {
                    switch (MarkdownArticle.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8))) {
                        case MarkdownArticle.Read.Ok ok -> articles.add(ok.article());
                        case MarkdownArticle.Read.Invalid invalid -> problems.add(file.getFileName() + ": " + invalid.reason() + ".");
                    }
                } catch (IOException e) {
                    problems.add(file.getFileName() + ": cannot be read as UTF-8 text.");
                }
            }
            if (!problems.isEmpty()) {
                throw AdminProblem.usage(directory + ": nothing imported.\n  " + String.join("\n  ", problems));
            }
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            int held = admin.desks().knowledge().save(admin.operator(), articles);
            out.println("Imported " + articles.size() + " article(s) from " + directory + "; the knowledge base holds "
                    + held + ".");
        }
    }

    /** The JSON form: an array of {@code {"slug", "title", "language": "en"|"fr"}}, best match first. */
    @Command(name = "search", mixinStandardHelpOptions = true, description = "Search the articles.")
    static final class Search extends AdminCommand {
        @Parameters(paramLabel = "TEXT")
        String text;
        @Option(names = "--language", defaultValue = "en", description = "en or fr (default: ${DEFAULT-VALUE}).")
        String language;
        @Option(names = "--json", description = "One JSON array (its shape: docs/operations.md).")
        boolean json;

        private Language lang;

        @Override
        void checkArguments() {
            lang = Arguments.language("--language", language);
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            List<Article> found = admin.desks().knowledge().search(text, lang, 10);
            if (json) {
                JsonOutput.print(out, found.stream().map(a -> JsonOutput.object("slug", a.slug(), "title", a.title(),
                        "language", a.language().code())).toList());
                return;
            }
            if (found.isEmpty()) {
                out.println("No article matches.");
                return;
            }
            Table table = new Table("SLUG", "TITLE");
            found.forEach(a -> table.row(a.slug(), a.title()));
            table.print(out);
            out.println(found.size() + " article(s).");
        }
    }
}

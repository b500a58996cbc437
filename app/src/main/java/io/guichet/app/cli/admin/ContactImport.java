package io.guichet.app.cli.admin;

import io.guichet.core.account.Account;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.Problem;
import io.guichet.core.desk.DirectoryDesk;
import io.guichet.core.desk.DirectoryOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code guichet contacts import FILE.csv}: authorizes many contacts at once (R10), all or nothing. Every bad line
 * is named with its number and reason, and then nothing is imported.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import contacts from a CSV file with the header account,name,email,phone,language,certified_until;"
                + " all or nothing.")
final class ContactImport extends AdminCommand {

    static final List<String> HEADER = List.of("account", "name", "email", "phone", "language", "certified_until");

    @Parameters(paramLabel = "FILE.csv")
    Path file;

    private record Row(int line, Account account, String name, EmailAddress email, String phone, Language language,
                       Optional<LocalDate> certifiedUntil) {
    }

    @Override
    void run(AdminDesks admin, PrintWriter out) {
        List<String> lines = read();
        if (lines.isEmpty() || !Csv.split(lines.get(0)).stream().map(String::strip).toList().equals(HEADER)) {
            throw AdminProblem.usage(file + ": line 1 must be the header " + String.join(",", HEADER) + ".");
        }
        List<String> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Set<EmailAddress> seen = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            parse(admin, i + 1, lines.get(i), seen, problems).ifPresent(rows::add);
        }
        if (!problems.isEmpty()) {
            throw AdminProblem.usage(file + ": nothing imported.\n  " + String.join("\n  ", problems));
        }
        java.util.SequencedMap<String, DirectoryDesk.NewContact> contacts = new java.util.LinkedHashMap<>();
        for (Row row : rows) {
            contacts.put("line " + row.line(), new DirectoryDesk.NewContact(row.account().name(), row.name(),
                    row.email(), row.phone(), row.language(), Optional.empty(), row.certifiedUntil()));
        }
        switch (admin.desks().directory().addContacts(admin.operator(), contacts)) {
            case DirectoryOutcome.Done done -> out.println("Imported " + rows.size() + " contact(s) from " + file + ".");
            case DirectoryOutcome.Refused refused -> throw AdminProblem.usage(file + ": nothing imported.\n  "
                    + String.join("\n  ", refused.problems().stream().map(Problem::detail).toList()));
        }
    }

    private Optional<Row> parse(AdminDesks admin, int line, String text, Set<EmailAddress> seen, List<String> problems) {
        List<String> cells = Csv.split(text);
        if (cells.size() != HEADER.size()) {
            problems.add("line " + line + ": " + cells.size() + " fields, expected " + HEADER.size() + " ("
                    + String.join(",", HEADER) + ").");
            return Optional.empty();
        }
        int before = problems.size();
        Optional<Account> account = admin.desks().directory().account(cells.get(0));
        if (account.isEmpty()) {
            problems.add("line " + line + ": there is no account named '" + cells.get(0).strip() + "'.");
        }
        String name = cells.get(1).strip();
        if (name.isEmpty()) {
            problems.add("line " + line + ": the name is empty.");
        }
        Optional<EmailAddress> email = EmailAddress.parse(cells.get(2));
        if (email.isEmpty()) {
            problems.add("line " + line + ": '" + cells.get(2).strip() + "' is not an e-mail address.");
        } else if (!seen.add(email.get())) {
            problems.add("line " + line + ": " + email.get() + " appears twice in the file.");
        } else if (admin.desks().directory().activeContact(email.get()).isPresent()) {
            problems.add("line " + line + ": " + email.get() + " is already an authorized contact.");
        }
        Optional<Language> language = Language.parse(cells.get(4).isBlank() ? "en" : cells.get(4));
        if (language.isEmpty()) {
            problems.add("line " + line + ": '" + cells.get(4).strip() + "' is not a language: use en or fr.");
        }
        Optional<LocalDate> certified = Optional.empty();
        if (!cells.get(5).isBlank()) {
            try {
                certified = Optional.of(LocalDate.parse(cells.get(5).strip()));
            } catch (DateTimeParseException e) {
                problems.add("line " + line + ": '" + cells.get(5).strip() + "' is not a date (YYYY-MM-DD).");
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Row(line, account.get(), name, email.get(), cells.get(3).strip(), language.get(), certified));
    }

    private List<String> read() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw AdminProblem.usage(file + ": no such file.");
        } catch (IOException e) {
            throw AdminProblem.usage(file + ": cannot be read as UTF-8 text (" + e.getMessage() + ").");
        }
    }
}

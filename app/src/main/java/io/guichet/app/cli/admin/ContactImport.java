package io.guichet.app.cli.admin;

import io.guichet.core.account.Account;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.Problem;
import io.guichet.core.desk.DirectoryDesk;
import io.guichet.core.desk.DirectoryOutcome;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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

    /** One CSV record and the line the spreadsheet shows it on (its first line, when a quoted field spans several). */
    private record Line(int number, List<String> cells) {
    }

    private List<Line> lines;

    /** The file is read and its header checked before any connection. */
    @Override
    void checkArguments() {
        lines = read();
        if (lines.isEmpty() || !lines.get(0).cells().stream().map(String::strip).toList().equals(HEADER)) {
            throw AdminProblem.usage(file + ": line 1 must be the header " + String.join(",", HEADER) + ".");
        }
    }

    @Override
    void run(AdminDesks admin, PrintWriter out) {
        List<String> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Set<EmailAddress> seen = new HashSet<>();
        for (Line line : lines.subList(1, lines.size())) {
            if (line.cells().size() == 1 && line.cells().get(0).isBlank()) {
                continue;
            }
            parse(admin, line.number(), line.cells(), seen, problems).ifPresent(rows::add);
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

    private Optional<Row> parse(AdminDesks admin, int line, List<String> cells, Set<EmailAddress> seen,
                                List<String> problems) {
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

    private List<Line> read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw AdminProblem.usage(file + ": no such file.");
        } catch (IOException e) {
            throw AdminProblem.usage(file + ": cannot be read as UTF-8 text (" + e.getMessage() + ").");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the byte-order mark a spreadsheet writes first
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            int line = 1;
            int counted = 0;
            for (CSVRecord record : parser) {
                int start = (int) record.getCharacterPosition();
                line += lineEnds(text, counted, start);
                counted = start;
                lines.add(new Line(line, record.toList()));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw AdminProblem.usage(file + ": not valid CSV after line " + (lines.isEmpty() ? 0
                    : lines.getLast().number()) + " (a quoted field must end with a double quote; write \"\" for a"
                    + " quote inside it).");
        }
        return lines;
    }

    /** The line ends (CRLF, LF or CR, as a spreadsheet counts them) in {@code text} from {@code from} to {@code to}. */
    private static int lineEnds(String text, int from, int to) {
        int line = 0;
        for (int i = from; i < to && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }
}

package io.guichet.discord.console;

import io.guichet.core.Problem;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketNumber;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command's options read into values. Each reader returns the value, or empty and records a problem naming the
 * option, what was given and what is accepted; the handler checks {@link #problems()} once, after reading all, so
 * the technician sees every mistake at once.
 */
final class Options {

    private final Map<String, String> raw;
    private final Map<String, SlashInput.Member> members;
    private final List<Problem> problems = new ArrayList<>();

    Options(Map<String, String> raw) {
        this(raw, Map.of());
    }

    Options(Map<String, String> raw, Map<String, SlashInput.Member> members) {
        this.raw = raw;
        this.members = members;
    }

    /** The server member a user option names (Discord resolves it with the command). */
    Optional<SlashInput.Member> member(String name) {
        return requiredText(name).flatMap(id -> {
            Optional<SlashInput.Member> member = Optional.ofNullable(members.get(name)).filter(m -> m.userId().equals(id));
            if (member.isEmpty()) {
                problems.add(Problem.invalid(name, "'" + id + "' is not a member of this server: pick a technician "
                        + "from the list Discord offers."));
            }
            return member;
        });
    }

    /** Search text: at most {@code max} characters. Empty-inside when absent. */
    Optional<Optional<String>> search(String name, int max) {
        Optional<String> text = optionalText(name);
        if (text.isPresent() && text.get().length() > max) {
            problems.add(Problem.invalid(name, "The search text is " + text.get().length() + " characters long; at most "
                    + max + " are accepted."));
            return Optional.empty();
        }
        return Optional.of(text);
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** A problem found by the handler across options. */
    void problem(Problem problem) {
        problems.add(problem);
    }

    Optional<String> optionalText(String name) {
        return Optional.ofNullable(raw.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Present text, or empty for an absent option (the core decides whether blank text is acceptable). */
    String text(String name) {
        return optionalText(name).orElse("");
    }

    Optional<String> requiredText(String name) {
        Optional<String> value = optionalText(name);
        if (value.isEmpty()) {
            problems.add(Problem.missing(name, "Option '" + name + "' is required."));
        }
        return value;
    }

    Optional<TicketNumber> ticket(String name) {
        return requiredText(name).flatMap(text -> {
            Optional<TicketNumber> number = TicketNumber.parse(text);
            if (number.isEmpty()) {
                problems.add(Problem.invalid(name, "'" + text + "' is not a ticket number: give its number, "
                        + "e.g. 1042 or #1042."));
            }
            return number;
        });
    }

    Optional<Severity> severity(String name) {
        return requiredText(name).flatMap(text -> {
            Optional<Severity> severity = Severity.parse(text);
            if (severity.isEmpty()) {
                problems.add(Problem.invalid(name, "Severity '" + text + "' is not one of " + Severity.ACCEPTED + "."));
            }
            return severity;
        });
    }

    Optional<Optional<Severity>> optionalSeverity(String name) {
        Optional<String> text = optionalText(name);
        if (text.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        return severity(name).map(Optional::of);
    }

    Optional<ResolutionReason> reason(String name) {
        return requiredText(name).flatMap(text -> {
            Optional<ResolutionReason> reason = ResolutionReason.parse(text);
            if (reason.isEmpty()) {
                problems.add(Problem.invalid(name, "Resolution reason '" + text + "' is not one of "
                        + ResolutionReason.accepted() + "."));
            }
            return reason;
        });
    }

    /** A span as technicians type it: 12h, 2d, 1d 12h, 90m, or ISO-8601 (PT12H, P2D); positive. */
    Optional<java.time.Duration> duration(String name) {
        return requiredText(name).flatMap(text -> {
            Optional<java.time.Duration> span = io.guichet.core.desk.Spans.parse(text);
            if (span.isEmpty()) {
                problems.add(Problem.invalid(name, "'" + text + "' is not a span; accepted: "
                        + io.guichet.core.desk.Spans.ACCEPTED + "."));
            }
            return span;
        });
    }

    Optional<LocalDate> date(String name) {
        return requiredText(name).flatMap(text -> parseDate(name, text));
    }

    /** Empty-inside for an absent option; empty-outside when present but not a date. */
    Optional<Optional<LocalDate>> optionalDate(String name) {
        Optional<String> text = optionalText(name);
        if (text.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        return parseDate(name, text.get()).map(Optional::of);
    }

    Optional<EmailAddress> email(String name) {
        return requiredText(name).flatMap(text -> {
            Optional<EmailAddress> email = EmailAddress.parse(text);
            if (email.isEmpty()) {
                problems.add(Problem.invalid(name, "'" + text + "' is not an e-mail address: write it as "
                        + "name@example.com."));
            }
            return email;
        });
    }

    Optional<Language> language(String name) {
        Optional<String> text = optionalText(name);
        if (text.isEmpty()) {
            return Optional.of(Language.EN);
        }
        Optional<Language> language = Language.parse(text.get());
        if (language.isEmpty()) {
            problems.add(Problem.invalid(name, "Language '" + text.get() + "' is not one of en, fr."));
        }
        return language;
    }

    Optional<Boolean> flag(String name, boolean absent) {
        Optional<String> text = optionalText(name);
        if (text.isEmpty()) {
            return Optional.of(absent);
        }
        return switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "oui" -> Optional.of(true);
            case "false", "no", "non" -> Optional.of(false);
            default -> {
                problems.add(Problem.invalid(name, "'" + text.get() + "' is not true or false."));
                yield Optional.empty();
            }
        };
    }

    Optional<Integer> page(String name) {
        Optional<String> text = optionalText(name);
        if (text.isEmpty()) {
            return Optional.of(1);
        }
        if (!text.get().matches("\\d{1,6}") || Integer.parseInt(text.get()) < 1) {
            problems.add(Problem.invalid(name, "Page '" + text.get() + "' is not a page number: 1 or more."));
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text.get()));
    }

    Optional<QueueView.StatusFilter> statusFilter(String name) {
        Optional<String> text = optionalText(name);
        if (text.isEmpty()) {
            return Optional.of(QueueView.StatusFilter.ACTIVE);
        }
        Optional<QueueView.StatusFilter> filter = QueueView.StatusFilter.parse(text.get());
        if (filter.isEmpty()) {
            problems.add(Problem.invalid(name, "Status '" + text.get() + "' is not one of "
                    + QueueView.StatusFilter.accepted() + "."));
        }
        return filter;
    }

    private Optional<LocalDate> parseDate(String name, String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            problems.add(Problem.invalid(name, "'" + text + "' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-31."));
            return Optional.empty();
        }
    }
}

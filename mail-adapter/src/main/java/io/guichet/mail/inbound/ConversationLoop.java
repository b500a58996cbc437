package io.guichet.mail.inbound;

import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.TicketId;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A naive autoresponder that answers each of our answers with a fresh mail (no {@code In-Reply-To}, no auto-reply
 * header) would open a ticket each time. Such a loop shows as: new mail from one sender, near-identical to mail it sent
 * in the last {@link #WINDOW} that opened {@link #MAX_TICKETS} tickets already, arriving within {@link #AFTER_ANSWER}
 * of our last answer to it. The first {@link #MAX_TICKETS} mails open tickets (and get their answers); the rest is
 * recorded, not answered. A customer who writes again with other text, or long after our answer, is not a loop.
 */
public final class ConversationLoop {

    /** Tickets (and so answers) a loop gets before it is stopped. */
    public static final int MAX_TICKETS = 3;
    /** How far back the mail exchanged with the sender is looked at. */
    public static final Duration WINDOW = Duration.ofHours(1);
    /** A loop's mail follows our answer closely. */
    public static final Duration AFTER_ANSWER = Duration.ofMinutes(10);
    private static final double NEAR_IDENTICAL = 0.8;

    /** What the exchange says of a new conversation. */
    public sealed interface Verdict {
        /** Not a loop: handled as usual. */
        record None() implements Verdict {
        }

        /**
         * A loop: not answered. {@code first}: the first mail stopped (the staff are told once);
         * {@code lastTicket} the last ticket it opened.
         */
        record Loop(TicketId lastTicket, int tickets, boolean first) implements Verdict {
        }
    }

    private ConversationLoop() {
    }

    /**
     * @param exchanged the mail exchanged with the sender since {@code now - WINDOW}, oldest first
     * @param text      what is new in the mail being handled
     */
    public static Verdict of(List<ThreadMessage> exchanged, String text, Instant now) {
        Optional<Instant> lastAnswer = exchanged.stream().filter(m -> m.direction() == ThreadMessage.Direction.OUT)
                .map(ThreadMessage::at).max(Instant::compareTo);
        if (lastAnswer.isEmpty() || Duration.between(lastAnswer.get(), now).compareTo(AFTER_ANSWER) > 0) {
            return new Verdict.None();
        }
        String words = normalized(text);
        List<ThreadMessage> same = exchanged.stream().filter(m -> m.direction() == ThreadMessage.Direction.IN)
                .filter(m -> nearIdentical(normalized(m.body()), words)).toList();
        Set<TicketId> tickets = new LinkedHashSet<>();
        same.forEach(m -> m.ticket().ifPresent(tickets::add));
        if (tickets.size() < MAX_TICKETS) {
            return new Verdict.None();
        }
        boolean first = same.stream().noneMatch(m -> m.ticket().isEmpty());
        TicketId last = same.stream().filter(m -> m.ticket().isPresent()).reduce((a, b) -> b).orElseThrow()
                .ticket().orElseThrow();
        return new Verdict.Loop(last, tickets.size(), first);
    }

    /** Lower case, numbers (dates, counters, ticket numbers) as {@code #}, words separated by single spaces. */
    static String normalized(String text) {
        // one pass over a body, for each mail exchanged with the sender: a run of ASCII digits is one #, a run of
        // anything but letters and # one space, none at either end
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean gap = false;
        int i = 0;
        while (i < lower.length()) {
            int c = lower.codePointAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && c != '#' && !Character.isLetter(c)) {
                gap = true;
                i += Character.charCount(c);
                continue;
            }
            if (gap && !out.isEmpty()) {
                out.append(' ');
            }
            gap = false;
            if (digit) {
                out.append('#');
                while (i < lower.length() && lower.charAt(i) >= '0' && lower.charAt(i) <= '9') {
                    i++;
                }
            } else {
                out.appendCodePoint(c);
                i += Character.charCount(c);
            }
        }
        return out.toString();
    }

    /** The same words, or word sets overlapping by at least 80 % (Jaccard). */
    static boolean nearIdentical(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        Set<String> x = new HashSet<>(Arrays.asList(a.split(" ")));
        Set<String> y = new HashSet<>(Arrays.asList(b.split(" ")));
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return !union.isEmpty() && (double) x.size() / union.size() >= NEAR_IDENTICAL;
    }
}

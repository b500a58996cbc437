package io.guichet.core.link;

import io.guichet.core.account.AccountId;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.ticket.TicketNumber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class TicketLinksTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private final TicketLinks links = new TicketLinks("a secret of thirty-two characters"
            .getBytes(StandardCharsets.UTF_8), Duration.ofDays(30), CLOCK);

    @Test
    @DisplayName("links signed and checked from many threads at once: each token is the one signed alone, each checks")
    void concurrentSigningAndChecking() throws Exception {
        int threads = 8;
        int perThread = 400;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < threads * perThread; i++) {
            expected.add(links.token(grant(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                results.add(pool.submit((Callable<List<String>>) () -> {
                    start.await();
                    List<String> problems = new ArrayList<>();
                    for (int i = first; i < first + perThread; i++) {
                        String token = links.token(grant(i));
                        if (!token.equals(expected.get(i))) {
                            problems.add("token " + i + " differs");
                        }
                        if (!(links.check(expected.get(i)) instanceof TicketLinks.Checked.Valid valid)
                                || !valid.grant().equals(grant(i))) {
                            problems.add("token " + i + " refused");
                        }
                        if (!links.formTokenMatches(token, java.util.Optional.of(links.formToken(expected.get(i))))) {
                            problems.add("form value " + i + " refused");
                        }
                    }
                    return problems;
                }));
            }
            start.countDown();
            List<String> problems = new ArrayList<>();
            for (Future<List<String>> result : results) {
                problems.addAll(result.get());
            }
            assertThat(problems).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("an altered token is refused, an expired one too")
    void alteredAndExpired() {
        String token = links.token(grant(1));
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(links.check(altered)).isEqualTo(new TicketLinks.Checked.Refused(TicketLinks.Refusal.ALTERED));
        String expired = links.token(new TicketLinks.Grant(new TicketNumber(1), new AccountId(1),
                new EmailAddress("bob@acme.example"), CLOCK.instant()));
        assertThat(links.check(expired)).isEqualTo(new TicketLinks.Checked.Refused(TicketLinks.Refusal.EXPIRED));
    }

    private static TicketLinks.Grant grant(int i) {
        return new TicketLinks.Grant(new TicketNumber(1000 + i), new AccountId(1 + i % 7),
                new EmailAddress("contact" + i + "@acme.example"), CLOCK.instant().plus(Duration.ofDays(1 + i % 30)));
    }
}

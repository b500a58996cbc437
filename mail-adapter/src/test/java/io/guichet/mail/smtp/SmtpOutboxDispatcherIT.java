package io.guichet.mail.smtp;

import io.guichet.core.mail.MessageId;
import io.guichet.mail.TlsTrust;
import io.guichet.mail.TransportSecurity;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.testing.InMemoryOutbox;
import io.guichet.core.testing.InMemoryOutbox.Status;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.ticket.TicketId;
import io.guichet.mail.testing.TcpProxy;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox dispatcher against a real SMTP server (GreenMail), through a relay that counts connections. */
class SmtpOutboxDispatcherIT {

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private GreenMail greenMail;
    private TcpProxy proxy;
    private SmtpOutboxDispatcher dispatcher;

    @BeforeEach
    void startServer() throws IOException {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        proxy = new TcpProxy(greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stopAll() {
        if (dispatcher != null) {
            dispatcher.stop();
        }
        proxy.close();
        greenMail.stop();
    }

    private SmtpOutboxDispatcher dispatcher(RetryPolicy retry, Duration pollInterval) {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", proxy.port(), TransportSecurity.NONE,
                TlsTrust.system(), Optional.empty(), new EmailAddress("support@guichet.test"), "Guichet Support",
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 10, Duration.ofMinutes(5),
                pollInterval, retry);
        dispatcher = new SmtpOutboxDispatcher(settings, outbox, clock);
        return dispatcher;
    }

    private SmtpOutboxDispatcher dispatcherLoggingInAs(String user, String password) {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", proxy.port(), TransportSecurity.NONE,
                TlsTrust.system(), Optional.of(new io.guichet.mail.MailLogin.Password(user, password)),
                new EmailAddress("support@guichet.test"), "Guichet Support", Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5), 10, Duration.ofMinutes(5), Duration.ofMinutes(5),
                RetryPolicy.standard());
        dispatcher = new SmtpOutboxDispatcher(settings, outbox, clock);
        return dispatcher;
    }

    @Test
    @DisplayName("a refused SMTP login pauses sending for minutes (no login per pass), health gives the server's words, and the mail goes once the pause is over")
    void refusedLoginPausesForMinutes() {
        greenMail.setUser("support@guichet.test", "support", "secret");
        outbox.enqueue(plain("refused-1@guichet.test"));
        SmtpOutboxDispatcher refused = dispatcherLoggingInAs("support", "wrong-password");

        SmtpOutboxDispatcher.Pass first = refused.dispatchDue();

        assertThat(first.sent()).isZero();
        assertThat(proxy.connections()).isEqualTo(1);
        String why = refused.health().connectionError().orElseThrow();
        assertThat(why).startsWith("SMTP login refused for support: ").contains("; next attempt at ")
                .doesNotContain("wrong-password").doesNotContain("Exception");
        Instant next = Instant.parse(why.substring(why.indexOf("; next attempt at ") + "; next attempt at ".length()));
        assertThat(Duration.between(clock.instant(), next))
                .as("half to all of the first 2-minute ceiling").isBetween(Duration.ofSeconds(59), Duration.ofMinutes(2));

        outbox.enqueue(plain("refused-2@guichet.test"));
        clock.advance(Duration.ofSeconds(50));
        assertThat(refused.dispatchDue()).as("no pass while paused").isEqualTo(new SmtpOutboxDispatcher.Pass(0, 0, 0, 0));
        assertThat(proxy.connections()).as("no second login while paused").isEqualTo(1);

        clock.advance(Duration.ofMinutes(30));
        SmtpOutboxDispatcher.Pass after = refused.dispatchDue();
        assertThat(after.sent()).as("still refused after the pause: tried once more, paused again").isZero();
        assertThat(proxy.connections()).isEqualTo(2);
        String again = refused.health().connectionError().orElseThrow();
        Instant later = Instant.parse(again.substring(again.indexOf("; next attempt at ") + "; next attempt at ".length()));
        assertThat(Duration.between(clock.instant(), later)).as("the second pause is about twice as long")
                .isBetween(Duration.ofSeconds(119), Duration.ofMinutes(4));

        greenMail.setUser("support@guichet.test", "support", "wrong-password");
        clock.advance(Duration.ofMinutes(5));
        SmtpOutboxDispatcher.Pass fixed = refused.dispatchDue();
        assertThat(fixed.sent()).as("the login fixed: both mails go").isEqualTo(2);
        assertThat(refused.health().connectionError()).isEmpty();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    private SmtpOutboxDispatcher dispatcher() {
        return dispatcher(RetryPolicy.standard(), Duration.ofMinutes(5));
    }

    private OutgoingMail mail(String id, String toName, String subject, Optional<String> inReplyTo,
                              List<String> references, boolean automatic) {
        return new OutgoingMail(0, Optional.of(new TicketId(7)), new MessageId(id), new EmailAddress("alice@acme.example"),
                toName, subject, "Bonjour Alice,\nvotre ticket est ouvert.\n", inReplyTo.map(MessageId::new),
                references.stream().map(MessageId::new).toList(), automatic,
                clock.instant(), 0);
    }

    private OutgoingMail plain(String id) {
        return mail(id, "Alice", "[Ticket#1042] Réponse", Optional.empty(), List.of(), false);
    }

    @Test
    @DisplayName("a queued mail is sent with our Message-ID, threading headers, Auto-Submitted, and marked sent")
    void sendsWithOurHeaders() throws Exception {
        outbox.enqueue(mail("ack-1042@guichet.test", "Alice Martin", "[Ticket#1042] Accusé de réception",
                Optional.of("cafe@acme.example"), List.of("cafe@acme.example", "earlier@guichet.test"), true));

        SmtpOutboxDispatcher.Pass pass = dispatcher().dispatchDue();

        assertThat(pass).isEqualTo(new SmtpOutboxDispatcher.Pass(1, 1, 0, 0));
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getHeader("Message-ID", null)).isEqualTo("<ack-1042@guichet.test>");
        assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<cafe@acme.example>");
        assertThat(received.getHeader("References", null).replaceAll("\\s+", " "))
                .isEqualTo("<cafe@acme.example> <earlier@guichet.test>");
        assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(received.getSubject()).isEqualTo("[Ticket#1042] Accusé de réception");
        assertThat(received.getSentDate()).isNotNull();
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("support@guichet.test");
        assertThat(from.getPersonal()).isEqualTo("Guichet Support");
        InternetAddress to = (InternetAddress) received.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getAddress()).isEqualTo("alice@acme.example");
        assertThat(to.getPersonal()).isEqualTo("Alice Martin");
        assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(GreenMailUtil.getBody(received)).isNotBlank();
        assertThat(((String) received.getContent()).replace("\r\n", "\n").strip())
                .isEqualTo("Bonjour Alice,\nvotre ticket est ouvert.");
        assertThat(outbox.entries()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(Status.SENT);
            assertThat(e.sentAt()).contains(clock.instant());
        });
    }

    @Test
    @DisplayName("a mail written by a technician is not marked Auto-Submitted")
    void humanMailHasNoAutoSubmitted() throws Exception {
        outbox.enqueue(plain("reply-1@guichet.test"));

        dispatcher().dispatchDue();

        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getHeader("Auto-Submitted")).isNull();
        assertThat(received.getHeader("In-Reply-To")).isNull();
        assertThat(received.getHeader("References")).isNull();
    }

    @Test
    @DisplayName("a batch is sent over one SMTP connection")
    void oneConnectionPerBatch() {
        for (int i = 0; i < 5; i++) {
            outbox.enqueue(plain("batch-" + i + "@guichet.test"));
        }

        SmtpOutboxDispatcher.Pass pass = dispatcher().dispatchDue();

        assertThat(pass.sent()).isEqualTo(5);
        assertThat(greenMail.getReceivedMessages()).hasSize(5);
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    @DisplayName("the next pass reuses the connection; one the server dropped meanwhile is replaced, the mail sent at once")
    void keptConnection() {
        SmtpOutboxDispatcher d = dispatcher();
        outbox.enqueue(plain("first@guichet.test"));
        assertThat(d.dispatchDue().sent()).isEqualTo(1);
        outbox.enqueue(plain("second@guichet.test"));
        assertThat(d.dispatchDue().sent()).isEqualTo(1);
        assertThat(proxy.connections()).as("the second pass used the first pass's connection").isEqualTo(1);

        proxy.dropAll();
        outbox.enqueue(plain("third@guichet.test"));
        SmtpOutboxDispatcher.Pass afterDrop = d.dispatchDue();

        assertThat(afterDrop).isEqualTo(new SmtpOutboxDispatcher.Pass(1, 1, 0, 0));
        assertThat(outbox.entries()).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(Status.SENT);
            assertThat(e.attempts()).isZero();
        });
        assertThat(proxy.connections()).isEqualTo(2);
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
    }

    @Test
    @DisplayName("with the relay down, the attempt is recorded with a 30 s backoff and the mail sent once it is back")
    void retriesAfterFailure() {
        outbox.enqueue(plain("retry@guichet.test"));
        SmtpOutboxDispatcher d = dispatcher();
        proxy.refuse(true);

        SmtpOutboxDispatcher.Pass down = d.dispatchDue();

        assertThat(down).isEqualTo(new SmtpOutboxDispatcher.Pass(1, 0, 1, 0));
        InMemoryOutbox.Entry failed = outbox.entries().getFirst();
        assertThat(failed.status()).isEqualTo(Status.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(failed.lastError()).isNotBlank().doesNotContain("\n").doesNotContain("\tat ").hasSizeLessThan(301);
        assertThat(d.health().lastError()).isPresent();

        proxy.refuse(false);
        assertThat(d.dispatchDue().claimed()).as("not due before its backoff").isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(d.dispatchDue().sent()).isEqualTo(1);
        assertThat(outbox.entries().getFirst().status()).isEqualTo(Status.SENT);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    @DisplayName("the backoff doubles, and the mail is abandoned at the last attempt")
    void abandonsAfterMaxAttempts() {
        outbox.enqueue(plain("doomed@guichet.test"));
        SmtpOutboxDispatcher d = dispatcher(new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofHours(1)),
                Duration.ofMinutes(5));
        proxy.refuse(true);
        Instant start = clock.instant();

        d.dispatchDue();
        assertThat(outbox.entries().getFirst().nextAttemptAt()).isEqualTo(start.plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        d.dispatchDue();
        assertThat(outbox.entries().getFirst().nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        SmtpOutboxDispatcher.Pass last = d.dispatchDue();

        assertThat(last.abandoned()).isEqualTo(1);
        InMemoryOutbox.Entry abandoned = outbox.entries().getFirst();
        assertThat(abandoned.status()).isEqualTo(Status.ABANDONED);
        assertThat(abandoned.attempts()).isEqualTo(3);
        clock.advance(Duration.ofHours(2));
        proxy.refuse(false);
        assertThat(d.dispatchDue().claimed()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("CR/LF in subject and name never produce an extra header (no Bcc injection); ids not valid in a header are dropped")
    void noHeaderInjection() throws Exception {
        String evil = "\r\nBcc: evil@attacker.test";
        outbox.enqueue(mail("inj@guichet.test", "Alice" + evil, "Hello" + evil + "\r\nX-Evil: 1",
                Optional.of("a@@acme.example"), List.of("no-at-sign", "c@acme.example@Bcc:x@y.z"),
                true));

        SmtpOutboxDispatcher.Pass pass = dispatcher().dispatchDue();

        assertThat(pass.sent()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).as("one copy: nobody else got it").hasSize(1);
        assertThat(greenMail.getUserManager().getUserByEmail("evil@attacker.test")).isNull();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("alice@acme.example");
        String raw = GreenMailUtil.getWholeMessage(received);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(headers.lines()).noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4));
        assertThat(headers.lines()).noneMatch(line -> line.regionMatches(true, 0, "X-Evil:", 0, 7));
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getSubject()).isEqualTo("Hello Bcc: evil@attacker.test X-Evil: 1");
        assertThat(received.getHeader("Message-ID", null)).isEqualTo("<inj@guichet.test>");
        assertThat(received.getHeader("In-Reply-To")).as("an invalid id is dropped, not repaired").isNull();
        assertThat(received.getHeader("References", null)).isNull();
    }

    @Test
    @DisplayName("a mail whose own Message-ID is not valid is never sent with a forged one")
    void invalidOwnMessageId() {
        outbox.enqueue(mail("inj@guichet.test@Bcc:evil@attacker.test", "Alice", "Hello", Optional.empty(),
                List.of(), true));

        SmtpOutboxDispatcher.Pass pass = dispatcher().dispatchDue();

        assertThat(pass.sent()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("a started dispatcher sends at once after wakeUp(), without waiting for its poll")
    void wakeUp() {
        SmtpOutboxDispatcher d = dispatcher(RetryPolicy.standard(), Duration.ofMinutes(5));
        d.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> d.health().running());

        outbox.enqueue(plain("now@guichet.test"));
        d.wakeUp();

        await().atMost(Duration.ofSeconds(5)).until(() -> greenMail.getReceivedMessages().length == 1);
        assertThat(outbox.entries().getFirst().status()).isEqualTo(Status.SENT);
        d.stop();
        assertThat(d.health().running()).isFalse();
    }
}

package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;
import static io.guichet.mail.inbound.Fixtures.crlf;
import static io.guichet.mail.inbound.Fixtures.parsed;
import static io.guichet.mail.inbound.Fixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MimeParserTest {

    @Test
    @DisplayName("Thunderbird French reply: ids, threading headers, decoded names and subject, flowed UTF-8 text")
    void thunderbirdFrenchReply() {
        InboundEmail email = parsed("thunderbird-fr-reply.eml");

        assertThat(email.messageId()).contains(MessageId.of("8b1f0c2e-5d7a-4e0b-9c55-1a2b3c4d5e6f@transports-martin.fr"));
        assertThat(email.inReplyTo()).contains(MessageId.of("reply-1042-1.1741773300@guichet.example"));
        assertThat(email.references()).containsExactly(
                MessageId.of("ticket-1042.1741770000@guichet.example"),
                MessageId.of("reply-1042-1.1741773300@guichet.example"));
        assertThat(email.from()).isEqualTo(
                new MailboxAddress("elodie.martin@transports-martin.fr", Optional.of("Élodie Martin")));
        assertThat(email.to()).containsExactly(
                new MailboxAddress("support@guichet.example", Optional.of("Support Guichet")));
        assertThat(email.cc()).extracting(MailboxAddress::displayName).containsExactly(Optional.of("Jérôme Bernard"));
        assertThat(email.returnPath()).contains("elodie.martin@transports-martin.fr");
        assertThat(email.hasNullReturnPath()).isFalse();
        assertThat(email.subject()).isEqualTo("Re: [Ticket#1042] Analyse des correctifs bloquée");
        assertThat(email.date()).contains(Instant.parse("2025-03-12T10:02:37Z"));
        assertThat(email.textBody())
                .contains("Gravité : 2 - majeure")
                .contains("Exemples d'appareils concernés : PC-DEPOT-014 (n° de série 5CG1234XYZ, ID agent 845512309)")
                .contains("> Pouvez-vous nous indiquer");
        assertThat(email.newText())
                .startsWith("Bonjour,")
                .endsWith("Élodie Martin")
                .doesNotContain("a écrit", "Pouvez-vous");
        assertThat(email.attachments()).isEmpty();
        assertThat(email.report()).isEmpty();
        assertThat(email.classificationHeaders().authenticationResults()).singleElement()
                .asString().startsWith("mx.guichet.example;").contains("dmarc=pass");
    }

    @Test
    @DisplayName("Outlook English reply: multipart/alternative prefers text/plain, windows-1252 decoded")
    void outlookReplyPrefersPlainText() {
        InboundEmail email = parsed("outlook-en-reply.eml");

        assertThat(email.from().address()).isEqualTo("john.smith@northwind-logistics.com");
        assertThat(email.subject()).isEqualTo("RE: [Ticket#1051] Agents offline");
        assertThat(email.textBody()).contains("We can\u2019t reach any endpoint.")
                .contains("-----Original Message-----")
                .doesNotContain("MsoNormal");
        assertThat(email.newText()).endsWith("IT Manager, Northwind Logistics")
                .doesNotContain("Original Message", "Could you tell us");
    }

    @Test
    @DisplayName("Gmail HTML-only mail: HTML turned into text with line breaks, bullets, quoted history marked")
    void gmailHtmlOnly() {
        InboundEmail email = parsed("gmail-html-only.eml");

        assertThat(email.subject()).isEqualTo("Re: [Ticket#1060] Serveur inaccessible");
        assertThat(email.textBody()).contains("""
                Bonjour,

                Le serveur ne répond plus depuis ce matin.""")
                .contains("- Gravité : critique\n- Serveur URL : https://rmm.cabinet-durand.fr\n- Version : 10.2.1")
                .contains("Merci de votre aide,\nPaul Durand")
                .contains("> Pouvez-vous préciser la gravité ?")
                .doesNotContain("<div", "&nbsp;");
        assertThat(email.newText()).endsWith("Paul Durand").doesNotContain("a écrit", "préciser");
    }

    @Test
    @DisplayName("ISO-8859-1 quoted-printable body and RFC 2047 encoded subject and display name")
    void latin1Body() {
        InboundEmail email = parsed("latin1-encoded-subject.eml");

        assertThat(email.subject()).isEqualTo("Équipements absents de la console après mise à jour");
        assertThat(email.from()).isEqualTo(
                new MailboxAddress("g.lefevre@mairie-creteil.example", Optional.of("Grégoire Lefèvre")));
        assertThat(email.textBody()).contains("les équipements du site de Créteil n'apparaissent plus")
                .endsWith("Grégoire Lefèvre");
    }

    @Test
    @DisplayName("Headers of an RFC 3834 vacation reply are surfaced for classification")
    void vacationHeaders() {
        InboundEmail email = parsed("vacation-auto-submitted.eml");

        assertThat(email.classificationHeaders().autoSubmitted())
                .contains("auto-replied; owner-email=\"j.morel@acme-industries.example\"");
        assertThat(email.classificationHeaders().xAutoreply()).contains("yes");
        assertThat(email.classificationHeaders().precedence()).isEmpty();
        assertThat(email.subject()).isEqualTo("Réponse automatique : Re: [Ticket#1042] Analyse");
    }

    @Test
    @DisplayName("Postfix DSN: null return path, delivery status fields and the returned Message-ID")
    void postfixBounce() {
        InboundEmail email = parsed("postfix-dsn-bounce.eml");

        assertThat(email.hasNullReturnPath()).isTrue();
        assertThat(email.from().address()).isEqualTo("mailer-daemon@mx.guichet.example");
        assertThat(email.report()).contains(new DeliveryReport("delivery-status",
                Optional.of("failed"),
                Optional.of("5.1.1"),
                Optional.of("old.contact@transports-martin.fr"),
                Optional.of("550 5.1.1 <old.contact@transports-martin.fr>: Recipient address rejected: "
                        + "User unknown in virtual mailbox table"),
                Optional.of(MessageId.of("reply-1042-3.1741857128@guichet.example"))));
        assertThat(email.textBody()).contains("could not\nbe delivered");
        assertThat(email.attachments()).singleElement().satisfies(returned -> {
            assertThat(returned.contentType()).isEqualTo("message/rfc822");
            assertThat(returned.filename()).endsWith(".eml");
            assertThat(new String(returned.content().orElseThrow(), StandardCharsets.UTF_8))
                    .contains("Message-ID: <reply-1042-3.1741857128@guichet.example>");
        });
    }

    @Test
    @DisplayName("A report with text/rfc822-headers gives the returned Message-ID too")
    void rfc822HeadersReport() {
        InboundEmail email = Fixtures.parsedText("""
                From: postmaster@mail.example.org
                To: support@guichet.example
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type="delivery-status"; boundary="b1"

                --b1
                Content-Type: text/plain

                Delivery failed.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.example.org

                Final-Recipient: rfc822; gone@example.org
                Action: failed
                Status: 5.2.1 (mailbox disabled)
                --b1
                Content-Type: text/rfc822-headers

                From: support@guichet.example
                Message-ID: <reply-7-1@guichet.example>
                Subject: [Ticket#7] Update

                --b1--
                """);

        DeliveryReport report = email.report().orElseThrow();
        assertThat(report.originalMessageId()).contains(MessageId.of("reply-7-1@guichet.example"));
        assertThat(report.status()).contains("5.2.1");
        assertThat(report.finalRecipient()).contains("gone@example.org");
        assertThat(email.attachments()).isEmpty();
    }

    @Test
    @DisplayName("An attachment over the stored-size limit keeps its metadata but not its bytes")
    void attachmentOverStoredLimit() {
        MimeParser parser = new MimeParser(new ParserLimits(20, 200, 1024));
        InboundEmail email = parsed(parser, raw("large-attachment.eml"));

        assertThat(email.attachments()).hasSize(3);
        Attachment dump = email.attachments().get(0);
        assertThat(dump.filename()).isEqualTo("agent-dump.bin");
        assertThat(dump.contentType()).isEqualTo("application/octet-stream");
        assertThat(dump.size()).isEqualTo(6000);
        assertThat(dump.contentStored()).isFalse();
        assertThat(dump.content()).isEmpty();

        Attachment csv = email.attachments().get(1);
        assertThat(csv.filename()).isEqualTo("état des agents.csv");
        assertThat(csv.contentType()).isEqualTo("text/csv");
        assertThat(new String(csv.content().orElseThrow(), StandardCharsets.UTF_8))
                .startsWith("timestamp,agent,status\n");
        assertThat(csv.size()).isEqualTo(csv.content().orElseThrow().length);

        Attachment forwarded = email.attachments().get(2);
        assertThat(forwarded.contentType()).isEqualTo("message/rfc822");
        assertThat(forwarded.filename()).isEqualTo("message-3.eml");

        assertThat(email.textBody()).isEqualTo("""
                Hello, the agent logs and the service dump are attached.
                Server URL: https://kaseya.northwind-logistics.com""");
        assertThat(email.report()).as("a forwarded message outside a report is not a bounce").isEmpty();
    }

    @Test
    @DisplayName("With the default limit the same attachment keeps its bytes")
    void attachmentUnderDefaultLimit() {
        InboundEmail email = parsed("large-attachment.eml");

        assertThat(email.attachments().getFirst().content()).hasValueSatisfying(bytes -> {
            assertThat(bytes).hasSize(6000);
            assertThat(bytes[1]).isEqualTo((byte) 48);
        });
    }

    @Test
    @DisplayName("No Message-ID: the content hash is the identity")
    void noMessageId() throws Exception {
        byte[] raw = raw("no-message-id.eml");
        InboundEmail email = parsed(new MimeParser(), raw);

        assertThat(email.messageId()).isEmpty();
        assertThat(email.contentHash()).matches("[0-9a-f]{64}");
        assertThat(email.identity().value()).isEqualTo("sha256:" + email.contentHash());
        assertThat(email.rawSize()).isEqualTo(raw.length);
        assertThat(email.inReplyTo()).isEmpty();
        assertThat(email.references()).isEmpty();
    }

    @Test
    @DisplayName("R2: the content hash is what the author wrote: the same mail by two routes has one hash, another date or body another")
    void contentHashIgnoresTransit() {
        String mail = "From: Bob <bob@acme.example>\r\nTo: support@guichet.example\r\nSubject: Agents offline\r\n"
                + "Date: Mon, 2 Mar 2026 09:00:00 +0000\r\nMessage-ID: <m1@acme.example>\r\n\r\nAll agents are offline.\r\n";
        String otherRoute = "Return-Path: <bob@acme.example>\r\nDelivered-To: support@guichet.example\r\n"
                + "Received: from mx2.acme.example by mx.guichet.example; Mon, 2 Mar 2026 09:00:03 +0000\r\n"
                + "Authentication-Results: mx.guichet.example; spf=pass smtp.mailfrom=acme.example\r\n"
                + mail.replace("\r\n", "\n");

        String hash = parsed(new MimeParser(), mail.getBytes(StandardCharsets.UTF_8)).contentHash();

        assertThat(parsed(new MimeParser(), otherRoute.getBytes(StandardCharsets.UTF_8)).contentHash()).isEqualTo(hash);
        assertThat(parsed(new MimeParser(), mail.replace("09:00:00", "09:05:00").getBytes(StandardCharsets.UTF_8))
                .contentHash()).isNotEqualTo(hash);
        assertThat(parsed(new MimeParser(), mail.replace("offline.", "offline!").getBytes(StandardCharsets.UTF_8))
                .contentHash()).isNotEqualTo(hash);
        assertThat(new MimeParser().contentHashes(otherRoute.getBytes(StandardCharsets.UTF_8))).startsWith(hash);
    }

    @Test
    @DisplayName("An attachment that cannot be decoded (broken uuencode) is kept as unreadable, named, with the reason; the text still reads")
    void unreadableAttachment() {
        String raw = """
                From: Bob <bob@acme.example>
                Subject: Logs
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                The console is down. Severity: 2
                --b1
                Content-Type: application/octet-stream; name="dump.bin"
                Content-Transfer-Encoding: x-uuencode

                begin 644 dump.bin
                M@@@garbage!!!
                end
                --b1--
                """;

        InboundEmail email = parsed(new MimeParser(), crlf(raw));

        assertThat(email.textBody()).isEqualTo("The console is down. Severity: 2");
        assertThat(email.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("dump.bin");
            assertThat(a.content()).isEmpty();
            assertThat(a.unreadable()).hasValueSatisfying(r -> assertThat(r).startsWith("could not be decoded: ")
                    .contains("UUDecoder"));
        });
    }

    @Test
    @DisplayName("A multipart whose start boundary is missing is read leniently as text, its binary parts left out")
    void missingStartBoundary() {
        String raw = """
                From: Bob <bob@acme.example>
                Subject: Console down
                Message-ID: <lenient@acme.example>
                Content-Type: multipart/mixed; boundary="b1"

                The console is down since this morning.
                Severity: 2
                """;
        String withBinary = raw.replace("Severity: 2\n", """
                Severity: 2
                --b1--
                """);

        InboundEmail email = parsed(new MimeParser(), crlf(raw));

        assertThat(email.textBody()).isEqualTo("The console is down since this morning.\nSeverity: 2");
        assertThat(email.messageId()).contains(MessageId.of("lenient@acme.example"));
        assertThat(email.subject()).isEqualTo("Console down");
        assertThat(parsed(new MimeParser(), crlf(withBinary)).textBody())
                .isEqualTo("The console is down since this morning.\nSeverity: 2");
    }

    @Test
    @DisplayName("A broken structure with nothing readable in it is still unparseable")
    void nothingReadable() {
        String raw = "From: Bob <bob@acme.example>\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\r\n";

        assertThat(new MimeParser().parse(raw.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ParseResult.Unparseable.class);
    }

    @Test
    @DisplayName("A 3,000-deep nesting bomb is refused quickly by the depth limit")
    void deepNestingBomb() {
        byte[] bomb = nested(3000);
        MimeParser generousOnParts = new MimeParser(new ParserLimits(20, 100_000, 1024));

        long start = System.nanoTime();
        ParseResult result = generousOnParts.parse(bomb);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isEqualTo(new ParseResult.Unparseable("MIME nesting deeper than 20 levels"));
        assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("With the default limits the same bomb is refused before any walk: it also has 3,000 parts")
    void deepNestingBombDefaults() {
        long start = System.nanoTime();
        ParseResult result = new MimeParser().parse(nested(3000));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isEqualTo(new ParseResult.Unparseable("more than 200 MIME parts"));
        assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("Nesting at the depth limit is accepted")
    void nestingAtLimit() {
        ParseResult result = new MimeParser(new ParserLimits(5, 200, 1024)).parse(nested(5));

        assertThat(result).isInstanceOfSatisfying(ParseResult.Parsed.class,
                parsed -> assertThat(parsed.email().textBody()).isEqualTo("innermost text"));
        assertThat(new MimeParser(new ParserLimits(4, 200, 1024)).parse(nested(5)))
                .isEqualTo(new ParseResult.Unparseable("MIME nesting deeper than 4 levels"));
    }

    @Test
    @DisplayName("A message with 50,000 parts is refused quickly with a clear reason")
    void tooManyParts() {
        StringBuilder message = new StringBuilder("""
                From: a@example.org
                Subject: parts
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="p"

                """);
        for (int i = 0; i < 50_000; i++) {
            message.append("--p\nContent-Type: text/plain\n\nx\n");
        }
        message.append("--p--\n");

        long start = System.nanoTime();
        ParseResult result = new MimeParser().parse(crlf(message.toString()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isEqualTo(new ParseResult.Unparseable("more than 200 MIME parts"));
        assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("Bad input never throws: garbage, empty input and a missing From become Unparseable")
    void badInputIsAValue() {
        MimeParser parser = new MimeParser();

        assertThat(parser.parse(new byte[0])).isEqualTo(new ParseResult.Unparseable("no From address"));
        assertThat(parser.parse(new byte[] {0, (byte) 0xff, 13, 10, 13, 10, 1, 2, 3}))
                .isInstanceOf(ParseResult.Unparseable.class);
        assertThat(parser.parse(crlf("Subject: hello\n\nbody\n")))
                .isEqualTo(new ParseResult.Unparseable("no From address"));
    }

    @Test
    @DisplayName("A broken transfer encoding or multipart still parses or fails as a value, never with a stack trace")
    void brokenStructure() {
        ParseResult result = new MimeParser().parse(crlf("""
                From: x@example.org
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-used"
                Content-Transfer-Encoding: x-unknown

                just text, no parts at all
                """));

        switch (result) {
            case ParseResult.Parsed parsed -> assertThat(parsed.email().from().address()).isEqualTo("x@example.org");
            case ParseResult.Unparseable unparseable -> assertThat(unparseable.reason())
                    .startsWith("malformed MIME: ").doesNotContain("Exception", "\n", "\tat ");
        }
    }

    @Test
    @DisplayName("Undeclared charset: valid UTF-8 is read as UTF-8, anything else as windows-1252")
    void charsetGuessing() {
        byte[] utf8 = crlf("From: a@example.org\nContent-Type: text/plain\n\nd\u00e9j\u00e0 vu\n");
        byte[] latin = "From: a@example.org\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nd\u00e9j\u00e0 vu\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(parsed(new MimeParser(), utf8).textBody()).isEqualTo("déjà vu");
        assertThat(parsed(new MimeParser(), latin).textBody()).isEqualTo("déjà vu");
    }

    @Test
    @DisplayName("Parsing from an InputStream gives the same result as from bytes")
    void fromInputStream() {
        byte[] raw = raw("outlook-en-reply.eml");

        ParseResult result = new MimeParser().parse(new ByteArrayInputStream(raw), raw.length);

        assertThat(result).isEqualTo(new MimeParser().parse(raw));
    }

    @Test
    @DisplayName("A stream that fails while reading becomes Unparseable")
    void failingStream() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThat(new MimeParser().parse(failing, 100))
                .isEqualTo(new ParseResult.Unparseable("could not read the message: connection reset"));
    }

    /** A message whose body is {@code depth} multipart/mixed levels, the innermost holding one text part. */
    private static byte[] nested(int depth) {
        StringBuilder message = new StringBuilder("From: bomb@example.org\nSubject: nested\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
        for (int level = 1; level < depth; level++) {
            message.append("--b").append(level - 1).append('\n')
                    .append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\n\n");
        }
        message.append("--b").append(depth - 1).append("\nContent-Type: text/plain\n\ninnermost text\n");
        for (int level = depth - 1; level >= 0; level--) {
            message.append("--b").append(level).append("--\n");
        }
        return crlf(message.toString());
    }
}

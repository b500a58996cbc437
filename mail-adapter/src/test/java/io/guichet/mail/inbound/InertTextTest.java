package io.guichet.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Customer text is inert once read: no control or bidi character, no encoded word left raw. */
class InertTextTest {

    @Test
    @DisplayName("one line: CR, LF and tabs become a space, NUL, DEL, C1 and bidi controls go, spaces collapse")
    void line() {
        assertThat(InertText.line("Console down\r\nBcc: evil@x.example")).isEqualTo("Console down Bcc: evil@x.example");
        assertThat(InertText.line(" a\u0000b\u007fc\u0085d\u009be\t\tf ")).isEqualTo("abc de f");
        assertThat(InertText.line("invoice\u202Egpj.exe")).isEqualTo("invoicegpj.exe");
        assertThat(InertText.line("\u2066isolated\u2069 \u202Aembedded\u202C")).isEqualTo("isolated embedded");
        assertThat(InertText.line("Café 😀 日本")).as("letters and emoji stay").isEqualTo("Café 😀 日本");
    }

    @Test
    @DisplayName("a block keeps its lines and tabs (CRLF and CR become LF) and loses every other control")
    void block() {
        assertThat(InertText.block("one\r\ntwo\rthree\n\tfour\u0000\u202E five\u2028six"))
                .isEqualTo("one\ntwo\nthree\n\tfour five\nsix");
    }

    @ParameterizedTest(name = "\"{0}\" reads \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            =?utf-8?Q?Caf=C3=A9_en_panne?=                         | Café en panne
            =?ISO-8859-1?Q?Caf=E9?= et th=E9                        | Café et th=E9
            =?x-unknown?Q?Caf=C3=A9?=                               | Café
            =?x-unknown?B?Q2Fm6Q==?=                                | Café
            =?utf-8?B?Q29uc29sZQ?= =?utf-8?B?IGxlbnRl?=             | Console lente
            =?utf-8?B?w6k=?= =?utf-8?Q?t=C3=A9?=                    | été
            =?utf-8?B?4oKs?=                                        | €
            =?utf-8?B?4oI=?= =?utf-8?B?rCBvdWk=?=                   | € oui
            =?utf-8?B?SGVsbG8!!gV29y?=                              | Hello Wor
            =?utf-8?Q?broken=ZZescape?=                             | broken=ZZescape
            plain subject, no word                                  | plain subject, no word
            """)
    void encodedWords(String header, String expected) {
        assertThat(EncodedWords.decode(header)).isEqualTo(expected).doesNotContain("=?");
    }

    @Test
    @DisplayName("R2: a subject hiding CR/LF and a bidi override in an encoded word, and a NUL in a name, are stored inert")
    void parsedMailIsInert() {
        String hidden = Base64.getEncoder().encodeToString("Console\r\nBcc: evil@x.example\u202E down"
                .getBytes(StandardCharsets.UTF_8));
        String raw = "From: =?utf-8?Q?Bob=00_Smith?= <bob@acme.example>\r\n"
                + "Subject: =?utf-8?B?" + hidden + "?= =?x-bogus?B?IShvdXQp?=\r\n"
                + "Message-ID: <inert@acme.example>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Severity: 2\u0000\r\nModule: Agent\u202E\r\n";

        InboundEmail email = Fixtures.parsed(new MimeParser(), raw.getBytes(StandardCharsets.UTF_8));

        assertThat(email.subject()).isEqualTo("Console Bcc: evil@x.example down!(out)");
        assertThat(email.from().displayName()).contains("Bob Smith");
        assertThat(email.textBody()).isEqualTo("Severity: 2\nModule: Agent");
        ExtractedIntake intake = new IntakeExtractor().extract(java.util.Optional.of(email.subject()), email.newText());
        assertThat(intake.module()).contains("Agent");
    }
}

package io.guichet.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuoteStripperTest {

    private final QuoteStripper stripper = new QuoteStripper();

    @Test
    @DisplayName("English attribution and > quoted lines are removed")
    void englishAttribution() {
        assertThat(stripper.strip("""
                Still broken after the reboot.

                On Tue, Mar 11, 2025 at 4:02 PM Support Guichet <support@guichet.example> wrote:
                > Did you reboot the server?
                >
                > Regards
                """)).isEqualTo("Still broken after the reboot.");
    }

    @Test
    @DisplayName("French attribution wrapped over two lines is removed with its quote")
    void frenchAttributionAcrossWrap() {
        assertThat(stripper.strip("""
                Le correctif n'a rien changé.

                Le mer. 12 mars 2025 à 10:15, Support Guichet <support@guichet.example> a
                écrit :
                > Avez-vous appliqué le correctif ?
                """)).isEqualTo("Le correctif n'a rien changé.");
    }

    @Test
    @DisplayName("Answers written between quoted lines are kept (inline reply)")
    void inlineReply() {
        assertThat(stripper.strip("""
                On Tue, Mar 11, 2025, Support wrote:
                > Which version?
                9.5.0.12
                > Which module?
                Patch management
                """)).isEqualTo("9.5.0.12\nPatch management");
    }

    @Test
    @DisplayName("An attribution not followed by quoted lines cuts the rest (top posting without >)")
    void attributionWithoutQuotes() {
        assertThat(stripper.strip("""
                Merci, c'est réglé.

                Le 12/03/2025 à 10:15, Support Guichet a écrit :
                Bonjour, avez-vous redémarré ?
                """)).isEqualTo("Merci, c'est réglé.");
    }

    @Test
    @DisplayName("Outlook -----Original Message----- block and everything below it is removed")
    void outlookOriginalMessage() {
        assertThat(stripper.strip("""
                See the logs attached.

                -----Original Message-----
                From: Support Guichet <support@guichet.example>
                Sent: Tuesday, March 11, 2025 4:02 PM
                Subject: RE: [Ticket#1051] Agents offline
                Please send the logs.
                """)).isEqualTo("See the logs attached.");
        assertThat(stripper.strip("Voir pièce jointe.\n-----Message d'origine-----\nDe : Support\n"))
                .isEqualTo("Voir pièce jointe.");
    }

    @Test
    @DisplayName("An Outlook header block without separator is removed, in English and in French")
    void outlookHeaderBlock() {
        assertThat(stripper.strip("""
                Thanks.

                From: Support Guichet <support@guichet.example>
                Sent: Tuesday, March 11, 2025 4:02 PM
                To: John Smith <john.smith@northwind-logistics.com>
                Subject: RE: [Ticket#1051] Agents offline

                Hello John,
                """)).isEqualTo("Thanks.");
        assertThat(stripper.strip("""
                Merci.

                De : Support Guichet <support@guichet.example>
                Envoyé : mardi 11 mars 2025 16:02
                À : Élodie Martin <elodie.martin@transports-martin.fr>
                Objet : RE: [Ticket#1042] Analyse

                Bonjour,
                """)).isEqualTo("Merci.");
    }

    @Test
    @DisplayName("A From: line alone is not a header block: a customer may write one")
    void fromLineAloneIsKept() {
        assertThat(stripper.strip("The alert comes\nFrom: monitoring@acme.example\nevery hour."))
                .isEqualTo("The alert comes\nFrom: monitoring@acme.example\nevery hour.");
    }

    @Test
    @DisplayName("The underscore separator of Outlook on the web cuts the history")
    void underscoreSeparator() {
        assertThat(stripper.strip("Done.\n\n________________________________\nFrom: Support\nOld text\n"))
                .isEqualTo("Done.");
    }

    @Test
    @DisplayName("The signature after '-- ' is dropped")
    void signatureDelimiter() {
        assertThat(stripper.strip("Version 9.5 installed.\n\n-- \nJohn Smith\nIT Manager\n"))
                .isEqualTo("Version 9.5 installed.");
    }

    @Test
    @DisplayName("If stripping would leave nothing, the original text is kept")
    void nothingLeftKeepsOriginal() {
        String forwardOnly = "-----Original Message-----\nFrom: a\nSubject: b\nThe actual problem\n";

        assertThat(stripper.strip(forwardOnly)).isEqualTo(forwardOnly.strip());
        assertThat(stripper.strip("> only quoted")).isEqualTo("> only quoted");
    }

    @Test
    @DisplayName("A reply without history is returned as is, with CRLF normalized")
    void plainText() {
        assertThat(stripper.strip("Hello,\r\n\r\nServer URL: https://x.example\r\n"))
                .isEqualTo("Hello,\n\nServer URL: https://x.example");
    }
}

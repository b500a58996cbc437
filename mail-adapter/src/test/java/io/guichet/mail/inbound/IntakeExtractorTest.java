package io.guichet.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntakeExtractorTest {

    private final IntakeExtractor extractor = new IntakeExtractor();

    @Test
    @DisplayName("R4: every field read from the French Thunderbird reply")
    void frenchReply() {
        InboundEmail email = Fixtures.parsed("thunderbird-fr-reply.eml");

        ExtractedIntake intake = extractor.extract(Optional.of(email.subject()), email.newText());

        assertThat(intake.subject()).contains("Re: [Ticket#1042] Analyse des correctifs bloquée");
        assertThat(intake.severityText()).contains("2 - majeure");
        assertThat(intake.severity()).contains(2);
        assertThat(intake.serverUrl()).contains("https://vsa.transports-martin.fr/");
        assertThat(intake.module()).contains("Gestion des correctifs");
        assertThat(intake.stepsToReproduce()).contains("""
                1. Ouvrir la console VSA et aller dans Correctifs > Analyse.
                2. Lancer l'analyse sur le groupe "Dépôts".
                3. L'analyse reste bloquée à 0 % après 30 minutes.""");
        assertThat(intake.affectedDevices()).contains("PC-DEPOT-014 (n° de série 5CG1234XYZ, ID agent 845512309)");
        assertThat(intake.version()).contains("9.5.0.12");
        assertThat(intake.description()).contains("""
                Bonjour,

                Merci pour votre retour. Voici les informations demandées :

                Cordialement,
                Élodie Martin""");
    }

    @Test
    @DisplayName("R4: every field read from the English Outlook reply, quoted history ignored")
    void englishReply() {
        InboundEmail email = Fixtures.parsed("outlook-en-reply.eml");

        ExtractedIntake intake = extractor.extract(email.newText());

        assertThat(intake.subject()).as("the quoted 'Subject:' of the history is not read").isEmpty();
        assertThat(intake.severity()).contains(1);
        assertThat(intake.serverUrl()).contains("https://kaseya.northwind-logistics.com");
        assertThat(intake.module()).contains("Agent / connectivity");
        assertThat(intake.stepsToReproduce()).contains("apply patch KB-2211 and restart the agent service.");
        assertThat(intake.affectedDevices()).hasValueSatisfying(devices -> assertThat(devices)
                .startsWith("NW-SRV-01").contains("NW-WS-114"));
        assertThat(intake.version()).contains("9.5.0.12");
    }

    @Test
    @DisplayName("R4: bulleted labels from the Gmail HTML mail, severity as a French word")
    void gmailBullets() {
        ExtractedIntake intake = extractor.extract(Fixtures.parsed("gmail-html-only.eml").newText());

        assertThat(intake.severityText()).contains("critique");
        assertThat(intake.severity()).contains(1);
        assertThat(intake.serverUrl()).contains("https://rmm.cabinet-durand.fr");
        assertThat(intake.version()).contains("10.2.1");
    }

    @Test
    @DisplayName("R4: labels are case-insensitive and accent-tolerant, colon with or without spaces")
    void labelVariants() {
        ExtractedIntake intake = extractor.extract("""
                GRAVITE:3
                serveur url : https://a.example
                * catégorie : Sauvegarde
                - Etapes a reproduire: lancer la sauvegarde
                Appareils concernes:SRV-1
                numéro de version : 10.1
                Objet : Sauvegarde en échec
                Description : la sauvegarde échoue chaque nuit.
                """);

        assertThat(intake.severity()).contains(3);
        assertThat(intake.serverUrl()).contains("https://a.example");
        assertThat(intake.module()).contains("Sauvegarde");
        assertThat(intake.stepsToReproduce()).contains("lancer la sauvegarde");
        assertThat(intake.affectedDevices()).contains("SRV-1");
        assertThat(intake.version()).contains("10.1");
        assertThat(intake.subject()).contains("Sauvegarde en échec");
        assertThat(intake.description()).contains("la sauvegarde échoue chaque nuit.");
    }

    @Test
    @DisplayName("R4: a multi-line value continues until the next label, blank lines inside it kept")
    void multiLineValues() {
        ExtractedIntake intake = extractor.extract("""
                Steps to reproduce:
                1. Open the console.
                2. Click Patch > Scan.

                3. Wait ten minutes.

                Affected devices:
                SRV-01 (SN 123)
                SRV-02 (SN 456)
                Version:
                9.5
                """);

        assertThat(intake.stepsToReproduce()).contains("""
                1. Open the console.
                2. Click Patch > Scan.

                3. Wait ten minutes.""");
        assertThat(intake.affectedDevices()).contains("SRV-01 (SN 123)\nSRV-02 (SN 456)");
        assertThat(intake.version()).as("a single-line field may start on the next line").contains("9.5");
        assertThat(intake.description()).isEmpty();
    }

    @Test
    @DisplayName("R4: without labels, the first https URL and a version-looking string are used")
    void fallbacks() {
        ExtractedIntake intake = extractor.extract("""
                Hello, since 12.03.2025 our server http://old.example and https://rmm.acme.example/login.
                are unreachable (see ticket of john@v2.example). We run v10.2 on 192.0.2.1.
                """);

        assertThat(intake.serverUrl()).contains("https://rmm.acme.example/login");
        assertThat(intake.version()).contains("10.2");
        assertThat(intake.severityText()).isEmpty();
        assertThat(intake.severity()).isEmpty();
        assertThat(intake.description()).hasValueSatisfying(d -> assertThat(d).startsWith("Hello, since"));
    }

    @Test
    @DisplayName("R4: a dotted version is found without a prefix, a date is not taken for one")
    void dottedVersion() {
        assertThat(extractor.extract("Depuis le 12.03.2025 la console 9.5.0.12 plante.").version())
                .contains("9.5.0.12");
        assertThat(extractor.extract("Depuis le 12.03.2025 la console plante.").version()).isEmpty();
    }

    @Test
    @DisplayName("R4: dotted numbers inside an e-mail address or a URL are not taken for the version")
    void versionNotInAddresses() {
        assertThat(extractor.extract("Copy ops.1.2.3@acme.example and http://h/4.4.4 about agent 7.1.0 please.")
                .version()).contains("7.1.0");
        assertThat(extractor.extract("Reach me at 1.2.3@acme.example or @team 5.5.5@x.example.").version()).isEmpty();
    }

    @Test
    @DisplayName("R5: nothing found gives empty fields, not blanks")
    void nothing() {
        ExtractedIntake intake = extractor.extract("   \n\n");

        assertThat(intake).isEqualTo(new ExtractedIntake(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    @Test
    @DisplayName("R5: an empty label gives an empty field, and the mail subject is the fallback subject")
    void emptyLabel() {
        ExtractedIntake intake = extractor.extract(Optional.of(" Agents offline "), "Severity:\n\nServer URL:\n");

        assertThat(intake.severityText()).isEmpty();
        assertThat(intake.serverUrl()).isEmpty();
        assertThat(intake.subject()).contains("Agents offline");
    }

    @ParameterizedTest(name = "R14: severity \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1              | 1
            sev 2          | 2
            S2             | 2
            P3             | 3
            Sévérité 4     | 4
            2 - Majeure    | 2
            Critical       | 1
            critique       | 1
            High           | 2
            haute          | 2
            medium         | 3
            Moyenne        | 3
            modérée        | 3
            low            | 4
            Basse          | 4
            mineure        | 4
            """)
    void severityNumbers(String text, int expected) {
        ExtractedIntake intake = extractor.extract("Gravité : " + text);

        assertThat(intake.severityText()).contains(text);
        assertThat(intake.severity()).contains(expected);
    }

    @ParameterizedTest(name = "R14: severity \"{0}\" keeps its text but has no number")
    @CsvSource({"5", "urgentt", "10", "2.5"})
    void severityWithoutNumber(String text) {
        ExtractedIntake intake = extractor.extract("Severity: " + text);

        assertThat(intake.severityText()).contains(text);
        assertThat(intake.severity()).isEmpty();
    }

    @Test
    @DisplayName("R5: the reading every channel shares leaves out the page-link line of our own mail: its address is not the customer's server URL")
    void pageLinkLineIsNotRead() {
        String reply = """
                Severity: 2
                Version 9.5.0.12

                Your ticket online (link valid until 1 April 2026 at 09:00 UTC): https://support.example.com/guichet/t/djF8MTA0MnwxfDE3.c2lnbmF0dXJl
                """;
        io.guichet.core.intake.IntakeDraft draft = extractor.read(Optional.empty(), reply);
        assertThat(draft.serverUrl()).isEmpty();
        assertThat(draft.severity()).contains("2");
        assertThat(draft.version()).contains("9.5.0.12");
        assertThat(draft.description()).hasValueSatisfying(d -> assertThat(d).doesNotContain("/t/", "online"));

        io.guichet.core.intake.IntakeDraft withServer = extractor.read(Optional.of("Agents offline"),
                "Votre ticket en ligne : https://support.example.com/t/abc.def\nhttps://vsa.acme.example is down\n");
        assertThat(withServer.serverUrl()).contains("https://vsa.acme.example");
        assertThat(withServer.subject()).contains("Agents offline");
    }
}

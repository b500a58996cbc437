package io.guichet.mail.outbound;

import io.guichet.core.account.Language;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** R22: the customer-facing wording is the operator's: templates replaced from a directory, checked at start. */
class MailTemplateOverridesTest {

    @Test
    @DisplayName("every template exists in both languages and signs with the signature fragment or the technician")
    void everyTemplateInBothLanguages() {
        MailTemplates templates = new MailTemplates();
        for (Language language : Language.values()) {
            assertThat(templates.hasFragment(language, "signature")).isTrue();
            for (String name : MailTemplates.NAMES) {
                assertThat(templates.block(language, name, Map.of())).as(language + "/" + name).isNotBlank();
            }
        }
    }

    @Test
    @DisplayName("R22: a replaced template and a replaced signature are what customers get")
    void overridesApply(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(dir.resolve("en/closed.txt"), "Subject: {tag} Closed\n\nTicket {number} is closed.\n\n{signature}\n");
        Files.writeString(dir.resolve("en/fragments.properties"), "signature=Acme Support, +33 1 00 00 00 00\n");

        MailTemplates templates = ((MailTemplates.Loaded.Ready) MailTemplates.withOverrides(dir)).templates();

        MailTemplates.Template closed = templates.render(Language.EN, "closed", Map.of("tag", "[Ticket#1000]",
                "number", "#1000"));
        assertThat(closed.subject()).isEqualTo("[Ticket#1000] Closed");
        assertThat(closed.body()).isEqualTo("Ticket #1000 is closed.\n\nAcme Support, +33 1 00 00 00 00\n");
        assertThat(templates.render(Language.EN, "reopened", Map.of()).body()).endsWith("Acme Support, +33 1 00 00 00 00\n");
        assertThat(templates.render(Language.FR, "reopened", Map.of()).body()).endsWith("L'équipe d'assistance\n");
    }

    @Test
    @DisplayName("R22: every mistake of a templates directory is listed at once, each with what is accepted")
    void mistakesListedAtOnce(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("en"));
        Files.createDirectories(dir.resolve("de"));
        Files.writeString(dir.resolve("en/closed.txt"), "Subject: {tag}\n\nDear {customer_name}, {number}.\n");
        Files.writeString(dir.resolve("en/farewell.txt"), "Subject: bye\n\nbye\n");
        Files.writeString(dir.resolve("en/reopened.txt"), "Your ticket is open again.\n");
        Files.writeString(dir.resolve("en/fragments.properties"), "signature=Team {team}\nnot.a.key=x\n");

        MailTemplates.Loaded loaded = MailTemplates.withOverrides(dir);

        assertThat(loaded).isInstanceOfSatisfying(MailTemplates.Loaded.Invalid.class, invalid -> assertThat(invalid.problems())
                .hasSize(6)
                .anySatisfy(p -> assertThat(p).contains("de: not a language directory; accepted: en/, fr/."))
                .anySatisfy(p -> assertThat(p).contains("closed.txt: uses {customer_name}, which this template is not given;"
                        + " it may use {tag}").contains("{number}").contains("{signature}"))
                .anySatisfy(p -> assertThat(p).contains("farewell.txt: not a template; accepted: fragments.properties and")
                        .contains("acknowledged.txt"))
                .anySatisfy(p -> assertThat(p).contains("reopened.txt: must start with a 'Subject: ...' line"))
                .anySatisfy(p -> assertThat(p).contains("'signature' uses {team}, which it is not given (it takes none)."))
                .anySatisfy(p -> assertThat(p).contains("'not.a.key' is not a fragment of the built-in en/fragments.properties.")));
    }
}

package io.guichet.mail.inbound;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.mail.headers.SubjectTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One correlation id per mail: the watcher's, kept through the intake and the desk, in every line about the mail. */
class MailIntakeCorrelationTest {

    private final DeskFixture desk = new DeskFixture();
    private final InMemoryMailJournal journal = new InMemoryMailJournal();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void detach() {
        root.detachAppender(log);
        MDC.clear();
    }

    @Test
    @DisplayName("R2: every log line about a mail carries the correlation id the watcher gave it, and the intake leaves it in place")
    void watchersIdKept() {
        MailIntake intake = new MailIntake(new MimeParser(), desk.stores.transactions(), io.guichet.core.port.PerTransaction.same(journal), journal,
                desk.customers, new MailIntakeSettings(new SubjectTag(SubjectTag.DEFAULT_FORMAT),
                ClassifierSettings.of("support@guichet.example", "guichet.example"), Optional.empty(),
                List.of("escalate"), 3), desk.clock);
        String raw = "From: Bob <bob@acme.example>\r\nTo: support@guichet.example\r\nSubject: Agents offline\r\n"
                + "Message-ID: <c1@acme.example>\r\n\r\nSeverity: 2\r\nServer URL: https://vsa.acme.example\r\n";
        log.start();
        root.addAppender(log);
        MDC.put("correlationId", "w4tch3r1");

        intake.handle(raw.getBytes(StandardCharsets.UTF_8), new MailPosition("INBOX", 1, 1));

        assertThat(log.list).isNotEmpty();
        assertThat(log.list).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("correlationId", "w4tch3r1"));
        assertThat(MDC.get("correlationId")).as("the watcher's, left for its own lines").isEqualTo("w4tch3r1");
    }
}

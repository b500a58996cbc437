package io.guichet.app.logging;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogSetupTest {

    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        LogSetup.apply(LogSetup.Format.TEXT, Level.INFO);
    }

    @Test
    @DisplayName("json: one object per line with the formatted message and the MDC (correlation id, channel)")
    void json() {
        String written = capture(LogSetup.Format.JSON, Level.INFO, () -> {
            MDC.put("correlationId", "c0ffee");
            MDC.put("channel", "mail");
            try {
                LoggerFactory.getLogger("io.guichet.test").info("mail at uid {}: OPENED", 42);
                LoggerFactory.getLogger("io.guichet.test").debug("below the level");
            } finally {
                MDC.clear();
            }
        });

        assertThat(written.lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{").endsWith("}")
                .contains("\"level\":\"INFO\"", "\"loggerName\":\"io.guichet.test\"",
                        "\"formattedMessage\":\"mail at uid 42: OPENED\"", "\"correlationId\":\"c0ffee\"",
                        "\"channel\":\"mail\""));
    }

    @Test
    @DisplayName("text: the MDC follows the message; the level setting lets debug lines through")
    void text() {
        String written = capture(LogSetup.Format.TEXT, Level.DEBUG, () -> {
            MDC.put("correlationId", "c0ffee");
            try {
                LoggerFactory.getLogger("io.guichet.test").debug("with context");
            } finally {
                MDC.clear();
            }
            LoggerFactory.getLogger("io.guichet.test").info("without context");
        });

        assertThat(written.lines().toList()).hasSize(2);
        assertThat(written.lines().toList().get(0)).contains(" DEBUG ").endsWith("- with context correlationId=c0ffee");
        assertThat(written.lines().toList().get(1)).endsWith("- without context");
    }

    private String capture(LogSetup.Format format, Level level, Runnable logging) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        LogSetup.apply(format, level);
        logging.run();
        System.err.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

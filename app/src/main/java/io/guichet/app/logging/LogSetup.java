package io.guichet.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;

/**
 * Applies GUICHET_LOG_FORMAT and GUICHET_LOG_LEVEL once the configuration is read: the format of the lines on
 * stderr (text, or one JSON object per line with logback's {@link JsonEncoder}, MDC included) and the level of
 * Guichet's own loggers and of the root (libraries keep the WARN of {@code logback.xml}).
 */
public final class LogSetup {

    /** The layout of a text line: the MDC (channel, correlation id...) follows the message when there is one. */
    public static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%replace( %mdc){'^ $', ''}%n";
    private static final String APPENDER = "STDERR";

    /** How log lines are written. */
    public enum Format {
        TEXT, JSON;

        /** {@code text} or {@code json}, in any case. */
        public static Optional<Format> parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "text" -> Optional.of(TEXT);
                case "json" -> Optional.of(JSON);
                default -> Optional.empty();
            };
        }
    }

    private LogSetup() {
    }

    /** {@code trace}, {@code debug}, {@code info}, {@code warn} or {@code error}, in any case. */
    public static Optional<Level> parseLevel(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Optional.of(Level.TRACE);
            case "DEBUG" -> Optional.of(Level.DEBUG);
            case "INFO" -> Optional.of(Level.INFO);
            case "WARN" -> Optional.of(Level.WARN);
            case "ERROR" -> Optional.of(Level.ERROR);
            default -> Optional.empty();
        };
    }

    /** Writes log lines to stderr in {@code format} from now on, at {@code level} and above. */
    public static void apply(Format format, Level level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        context.getLogger("io.guichet").setLevel(level);
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(encoder(format, context));
        appender.start();
        root.detachAppender(APPENDER);
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> encoder(Format format, LoggerContext context) {
        return switch (format) {
            case TEXT -> {
                PatternLayoutEncoder text = new PatternLayoutEncoder();
                text.setContext(context);
                text.setPattern(TEXT_PATTERN);
                text.start();
                yield text;
            }
            case JSON -> {
                JsonEncoder json = new JsonEncoder();
                json.setContext(context);
                json.setWithSequenceNumber(false);
                json.setWithNanoseconds(false);
                json.setWithContext(false);
                json.setWithMDC(true);
                json.setWithFormattedMessage(true);
                json.setWithMessage(false);
                json.setWithArguments(false);
                json.start();
                yield json;
            }
        };
    }
}

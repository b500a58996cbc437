package io.guichet.mail.inbound;

import java.util.Objects;

/** What {@link MimeParser} made of raw bytes. */
public sealed interface ParseResult {

    /** The message was understood. */
    record Parsed(InboundEmail email) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(email, "email");
        }
    }

    /**
     * The message could not be understood, or exceeded a {@link ParserLimits} bound. The reason is one short
     * line fit for a log or a technician (no stack trace, no class name).
     */
    record Unparseable(String reason) implements ParseResult {
        public Unparseable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package io.guichet.mail.outbound;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The inbound mail being answered on this thread, so answers written while handling it carry its Message-ID in
 * {@code In-Reply-To} and {@code References}, including answers to mail that opened no ticket.
 */
public final class ReplyContext {

    private static final ThreadLocal<String> ANSWERING = new ThreadLocal<>();

    private ReplyContext() {
    }

    /** Runs {@code work} while answering the mail with {@code messageId}. */
    public static <T> T answering(Optional<String> messageId, Supplier<T> work) {
        String previous = ANSWERING.get();
        messageId.ifPresentOrElse(ANSWERING::set, ANSWERING::remove);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                ANSWERING.remove();
            } else {
                ANSWERING.set(previous);
            }
        }
    }

    static Optional<String> current() {
        return Optional.ofNullable(ANSWERING.get());
    }
}

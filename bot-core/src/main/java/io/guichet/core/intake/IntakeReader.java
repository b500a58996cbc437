package io.guichet.core.intake;

import java.util.Optional;

/**
 * Reads the intake fields of policy rule R4 out of what a customer wrote: one reading for every channel, so a reply
 * written on the ticket's web page fills the missing fields exactly as the same words in a mail would (R5).
 */
public interface IntakeReader {

    /**
     * The fields found in {@code text} (the customer's new words, without quoted mail); {@code subject}: the subject
     * the message came with, the subject's fallback when no line names one.
     */
    IntakeDraft read(Optional<String> subject, String text);
}

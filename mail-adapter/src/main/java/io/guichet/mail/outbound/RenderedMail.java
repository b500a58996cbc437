package io.guichet.mail.outbound;

/** A notice rendered for mail: subject and plain-text body. {@code automatic}: sent without a person writing it. */
public record RenderedMail(String subject, String body, boolean automatic) {
}

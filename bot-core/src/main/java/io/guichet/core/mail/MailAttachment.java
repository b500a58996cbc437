package io.guichet.core.mail;

/** A file mailed with an outgoing mail (a technician's reply with the files they attached). */
public record MailAttachment(String name, String contentType, byte[] data) {

    public MailAttachment {
        if (name.isBlank()) {
            throw new IllegalArgumentException("an attachment needs a file name");
        }
    }
}

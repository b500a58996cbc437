package io.guichet.core.desk;

import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;

/** Whom a notice is for, and in which language. */
public record Recipient(EmailAddress email, String name, Language language) {

    public static Recipient of(Contact contact) {
        return new Recipient(contact.email(), contact.name(), contact.language());
    }
}

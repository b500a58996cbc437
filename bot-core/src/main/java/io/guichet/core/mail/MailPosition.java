package io.guichet.core.mail;

/** Where a message sits in an IMAP mailbox: UIDs are meaningful only with their UIDVALIDITY. */
public record MailPosition(String mailbox, long uidValidity, long uid) {
}

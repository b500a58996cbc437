package io.guichet.core.account;

/** Identity of an authorized contact. */
public record ContactId(long value) {
}

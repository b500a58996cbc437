package io.guichet.core.account;

/** Identity of a customer account. */
public record AccountId(long value) {
}

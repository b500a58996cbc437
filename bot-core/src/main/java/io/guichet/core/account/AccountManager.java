package io.guichet.core.account;

/** The vendor's account manager of a customer: named in coverage refusals (R1) and out-of-scope answers (R3, R12f). */
public record AccountManager(String name, String email) {
}

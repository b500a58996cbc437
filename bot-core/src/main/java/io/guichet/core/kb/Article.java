package io.guichet.core.kb;

import io.guichet.core.account.Language;

/** A knowledge-base article (R12e, R19). {@code slug} identifies it across imports. */
public record Article(String slug, String title, Language language, String body) {
}

package io.guichet.mail.inbound;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link MailClassifier} needs to know about us.
 *
 * @param ownAddresses        our support addresses (compared lower-cased)
 * @param ownMessageIdDomains the domains of the Message-IDs we generate, e.g. {@code guichet.example}
 *                            (a leading {@code @} is accepted and dropped)
 */
public record ClassifierSettings(Set<String> ownAddresses, Set<String> ownMessageIdDomains) {

    public ClassifierSettings {
        ownAddresses = normalized(ownAddresses);
        ownMessageIdDomains = normalized(ownMessageIdDomains).stream()
                .map(domain -> domain.startsWith("@") ? domain.substring(1) : domain)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** One support address and one Message-ID domain. */
    public static ClassifierSettings of(String supportAddress, String messageIdDomain) {
        return new ClassifierSettings(Set.of(supportAddress), Set.of(messageIdDomain));
    }

    private static Set<String> normalized(Set<String> values) {
        return values.stream()
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}

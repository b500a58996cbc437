package io.guichet.core.port;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountId;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.ContactId;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.account.ProductCoverage;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Customer accounts and their authorized contacts (R1, R10). */
public interface ContactDirectory {

    /** The new account, or empty when the name is taken. */
    Optional<Account> addAccount(String name, Optional<LocalDate> coverageEndsOn, AccountManager manager);

    Optional<Account> account(AccountId id);

    /** The accounts with these ids, by id; one read for many. */
    default Map<AccountId, Account> accountsById(Collection<AccountId> ids) {
        Map<AccountId, Account> found = new LinkedHashMap<>();
        ids.forEach(id -> account(id).ifPresent(a -> found.put(id, a)));
        return found;
    }

    Optional<Account> accountNamed(String name);

    List<Account> accounts();

    /** Sets the last covered day (R1); false when no such account. */
    boolean setCoverage(AccountId id, Optional<LocalDate> coverageEndsOn);

    /** R1: the account's coverage per product, by product name. */
    List<ProductCoverage> productCoverage(AccountId account);

    /** R1: covers {@code product} for the account through {@code until}, replacing any earlier day for it. */
    void coverProduct(AccountId account, String product, LocalDate until);

    /** R1: removes the account's coverage of {@code product}; false when it had none. */
    boolean uncoverProduct(AccountId account, String product);

    /** The new contact, or empty when the address is already an active contact. */
    Optional<Contact> addContact(AccountId account, String name, EmailAddress email, String phone, Language language,
                                 Optional<String> discordUserId, Optional<LocalDate> certifiedUntil);

    /** The active authorized contact with this address (R10). */
    Optional<Contact> activeContact(EmailAddress email);

    /**
     * The active authorized contact with this address (R10) with its account, and so the account's coverage (R1):
     * what every customer message needs first, in one read.
     */
    default Optional<ContactWithAccount> activeContactWithAccount(EmailAddress email) {
        return activeContact(email).flatMap(c -> account(c.accountId()).map(a -> new ContactWithAccount(c, a)));
    }

    /** An authorized contact and the account it belongs to. */
    record ContactWithAccount(Contact contact, Account account) {
        public ContactWithAccount {
            if (!contact.accountId().equals(account.id())) {
                throw new IllegalArgumentException("contact " + contact.id().value() + " is not of account "
                        + account.id().value());
            }
        }
    }

    Optional<Contact> contact(ContactId id);

    /** The contacts with these ids, active or not, by id; one read for many. */
    default Map<ContactId, Contact> contactsById(Collection<ContactId> ids) {
        Map<ContactId, Contact> found = new LinkedHashMap<>();
        ids.forEach(id -> contact(id).ifPresent(c -> found.put(id, c)));
        return found;
    }

    List<Contact> contactsOf(AccountId account);

    /** Withdraws an authorization (the row stays for the audit trail); false when it was not active. */
    boolean deactivate(ContactId id);

    /** Records a certification valid through {@code until} (R10); false when no such active contact. */
    boolean certify(ContactId id, Optional<LocalDate> until);

    /**
     * R11: designates (or no longer) an active contact as always available for severity-1 questions; false when no
     * such active contact.
     */
    boolean setAlwaysAvailable(ContactId id, boolean available);

    /** R11: the active contacts of {@code account} designated always available, by id. */
    List<Contact> alwaysAvailable(AccountId account);

    /** Active contacts whose certification ends on a day in [from, to] (R10 reminders). */
    List<Contact> certificationsEndingBetween(LocalDate from, LocalDate to);
}

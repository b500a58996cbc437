package io.guichet.core.testing;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountId;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.ContactId;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.account.ProductCoverage;
import io.guichet.core.port.ContactDirectory;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link ContactDirectory} in memory, for tests of the core. */
public final class InMemoryContactDirectory implements ContactDirectory {

    private final Map<Long, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Long, Contact> contacts = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, ProductCoverage>> productCoverage = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final java.util.Set<Long> alwaysAvailable = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized Optional<Account> addAccount(String name, Optional<LocalDate> coverageEndsOn, AccountManager manager) {
        if (accountNamed(name).isPresent()) {
            return Optional.empty();
        }
        Account account = new Account(new AccountId(ids.incrementAndGet()), name, coverageEndsOn, manager);
        accounts.put(account.id().value(), account);
        return Optional.of(account);
    }

    @Override
    public Optional<Account> account(AccountId id) {
        return Optional.ofNullable(accounts.get(id.value()));
    }

    @Override
    public Optional<Account> accountNamed(String name) {
        return accounts.values().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    @Override
    public List<Account> accounts() {
        return accounts.values().stream().sorted(Comparator.comparing(Account::name)).toList();
    }

    @Override
    public synchronized boolean setCoverage(AccountId id, Optional<LocalDate> coverageEndsOn) {
        Account a = accounts.get(id.value());
        if (a == null) {
            return false;
        }
        accounts.put(id.value(), new Account(a.id(), a.name(), coverageEndsOn, a.manager()));
        return true;
    }

    @Override
    public List<ProductCoverage> productCoverage(AccountId account) {
        return productCoverage.getOrDefault(account.value(), Map.of()).values().stream()
                .sorted(Comparator.comparing(ProductCoverage::product)).toList();
    }

    @Override
    public synchronized void coverProduct(AccountId account, String product, LocalDate until) {
        productCoverage.computeIfAbsent(account.value(), k -> new ConcurrentHashMap<>())
                .put(product, new ProductCoverage(product, until));
    }

    @Override
    public synchronized boolean uncoverProduct(AccountId account, String product) {
        Map<String, ProductCoverage> products = productCoverage.get(account.value());
        return products != null && products.remove(product) != null;
    }

    @Override
    public synchronized Optional<Contact> addContact(AccountId account, String name, EmailAddress email, String phone,
                                                     Language language, Optional<String> discordUserId,
                                                     Optional<LocalDate> certifiedUntil) {
        if (!accounts.containsKey(account.value()) || activeContact(email).isPresent()) {
            return Optional.empty();
        }
        Contact contact = new Contact(new ContactId(ids.incrementAndGet()), account, name, email, phone, language,
                discordUserId, certifiedUntil, true);
        contacts.put(contact.id().value(), contact);
        return Optional.of(contact);
    }

    @Override
    public Optional<Contact> activeContact(EmailAddress email) {
        return contacts.values().stream().filter(c -> c.active() && c.email().equals(email)).findFirst();
    }

    @Override
    public Optional<Contact> contact(ContactId id) {
        return Optional.ofNullable(contacts.get(id.value()));
    }

    @Override
    public List<Contact> contactsOf(AccountId account) {
        return contacts.values().stream().filter(c -> c.accountId().equals(account))
                .sorted(Comparator.comparing(c -> c.id().value())).toList();
    }

    @Override
    public synchronized boolean deactivate(ContactId id) {
        Contact c = contacts.get(id.value());
        if (c == null || !c.active()) {
            return false;
        }
        contacts.put(id.value(), new Contact(c.id(), c.accountId(), c.name(), c.email(), c.phone(), c.language(),
                c.discordUserId(), c.certifiedUntil(), false));
        return true;
    }

    @Override
    public synchronized boolean setAlwaysAvailable(ContactId id, boolean available) {
        Contact c = contacts.get(id.value());
        if (c == null || !c.active()) {
            return false;
        }
        if (available) {
            alwaysAvailable.add(id.value());
        } else {
            alwaysAvailable.remove(id.value());
        }
        return true;
    }

    @Override
    public synchronized List<Contact> alwaysAvailable(AccountId account) {
        return contacts.values().stream().filter(c -> c.accountId().equals(account) && c.active()
                        && alwaysAvailable.contains(c.id().value()))
                .sorted(Comparator.comparing(c -> c.id().value())).toList();
    }

    @Override
    public synchronized boolean certify(ContactId id, Optional<LocalDate> until) {
        Contact c = contacts.get(id.value());
        if (c == null || !c.active()) {
            return false;
        }
        contacts.put(id.value(), new Contact(c.id(), c.accountId(), c.name(), c.email(), c.phone(), c.language(),
                c.discordUserId(), until, true));
        return true;
    }

    @Override
    public List<Contact> certificationsEndingBetween(LocalDate from, LocalDate to) {
        return contacts.values().stream()
                .filter(Contact::active)
                .filter(c -> c.certifiedUntil().filter(d -> !d.isBefore(from) && !d.isAfter(to)).isPresent())
                .sorted(Comparator.comparing(c -> c.id().value()))
                .toList();
    }
}

package io.guichet.db;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountId;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.ContactId;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.account.ProductCoverage;
import io.guichet.core.port.ContactDirectory;
import io.guichet.db.jooq.tables.records.AccountsRecord;
import io.guichet.db.jooq.tables.records.ContactsRecord;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.guichet.db.jooq.Tables.ACCOUNTS;
import static io.guichet.db.jooq.Tables.ACCOUNT_PRODUCT_COVERAGE;
import static io.guichet.db.jooq.Tables.CONTACTS;

/** {@link ContactDirectory} on PostgreSQL. Uniqueness (account names, one active contact per address) is the database's. */
public final class JooqContactDirectory implements ContactDirectory {

    private final JooqSession db;

    public JooqContactDirectory(JooqSession db) {
        this.db = db;
    }

    @Override
    public Optional<Account> addAccount(String name, Optional<LocalDate> coverageEndsOn, AccountManager manager) {
        return db.dsl().insertInto(ACCOUNTS)
                .set(ACCOUNTS.NAME, name)
                .set(ACCOUNTS.COVERAGE_ENDS_ON, coverageEndsOn.orElse(null))
                .set(ACCOUNTS.ACCOUNT_MANAGER_NAME, manager.name())
                .set(ACCOUNTS.ACCOUNT_MANAGER_EMAIL, manager.email())
                .onConflictDoNothing()
                .returning()
                .fetchOptional(JooqContactDirectory::account);
    }

    @Override
    public Optional<Account> account(AccountId id) {
        return db.dsl().selectFrom(ACCOUNTS).where(ACCOUNTS.ID.eq(id.value())).fetchOptional(JooqContactDirectory::account);
    }

    @Override
    public Map<AccountId, Account> accountsById(Collection<AccountId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<AccountId, Account> found = new LinkedHashMap<>();
        db.dsl().selectFrom(ACCOUNTS).where(ACCOUNTS.ID.in(ids.stream().map(AccountId::value).distinct().toList()))
                .fetch(JooqContactDirectory::account).forEach(a -> found.put(a.id(), a));
        return found;
    }

    @Override
    public Optional<Account> accountNamed(String name) {
        return db.dsl().selectFrom(ACCOUNTS).where(ACCOUNTS.NAME.eq(name)).fetchOptional(JooqContactDirectory::account);
    }

    @Override
    public List<Account> accounts() {
        return db.dsl().selectFrom(ACCOUNTS).orderBy(ACCOUNTS.NAME).fetch(JooqContactDirectory::account);
    }

    @Override
    public boolean setCoverage(AccountId id, Optional<LocalDate> coverageEndsOn) {
        return db.dsl().update(ACCOUNTS).set(ACCOUNTS.COVERAGE_ENDS_ON, coverageEndsOn.orElse(null))
                .where(ACCOUNTS.ID.eq(id.value())).execute() == 1;
    }

    @Override
    public List<ProductCoverage> productCoverage(AccountId account) {
        return db.dsl().selectFrom(ACCOUNT_PRODUCT_COVERAGE)
                .where(ACCOUNT_PRODUCT_COVERAGE.ACCOUNT_ID.eq(account.value()))
                .orderBy(ACCOUNT_PRODUCT_COVERAGE.PRODUCT)
                .fetch(r -> new ProductCoverage(r.getProduct(), r.getCoveredUntil()));
    }

    @Override
    public void coverProduct(AccountId account, String product, LocalDate until) {
        db.dsl().insertInto(ACCOUNT_PRODUCT_COVERAGE)
                .set(ACCOUNT_PRODUCT_COVERAGE.ACCOUNT_ID, account.value())
                .set(ACCOUNT_PRODUCT_COVERAGE.PRODUCT, product)
                .set(ACCOUNT_PRODUCT_COVERAGE.COVERED_UNTIL, until)
                .onConflict(ACCOUNT_PRODUCT_COVERAGE.ACCOUNT_ID, ACCOUNT_PRODUCT_COVERAGE.PRODUCT)
                .doUpdate().set(ACCOUNT_PRODUCT_COVERAGE.COVERED_UNTIL, until)
                .execute();
    }

    @Override
    public boolean uncoverProduct(AccountId account, String product) {
        return db.dsl().deleteFrom(ACCOUNT_PRODUCT_COVERAGE)
                .where(ACCOUNT_PRODUCT_COVERAGE.ACCOUNT_ID.eq(account.value()))
                .and(ACCOUNT_PRODUCT_COVERAGE.PRODUCT.eq(product)).execute() == 1;
    }

    @Override
    public Optional<Contact> addContact(AccountId account, String name, EmailAddress email, String phone,
                                        Language language, Optional<String> discordUserId,
                                        Optional<LocalDate> certifiedUntil) {
        if (this.account(account).isEmpty()) {
            return Optional.empty();
        }
        return db.dsl().insertInto(CONTACTS)
                .set(CONTACTS.ACCOUNT_ID, account.value())
                .set(CONTACTS.NAME, name)
                .set(CONTACTS.EMAIL, email.value())
                .set(CONTACTS.PHONE, phone)
                .set(CONTACTS.LANGUAGE, language.code())
                .set(CONTACTS.DISCORD_USER_ID, discordUserId.orElse(null))
                .set(CONTACTS.CERTIFIED_UNTIL, certifiedUntil.orElse(null))
                .onConflict(CONTACTS.EMAIL).where(CONTACTS.ACTIVE).doNothing()
                .returning()
                .fetchOptional(JooqContactDirectory::contact);
    }

    @Override
    public Optional<Contact> activeContact(EmailAddress email) {
        return db.dsl().selectFrom(CONTACTS).where(CONTACTS.EMAIL.eq(email.value())).and(CONTACTS.ACTIVE)
                .fetchOptional(JooqContactDirectory::contact);
    }

    /** One join: the contact, its account and the account's coverage in a single statement. */
    @Override
    public Optional<ContactWithAccount> activeContactWithAccount(EmailAddress email) {
        return db.dsl().select(CONTACTS.asterisk(), ACCOUNTS.asterisk())
                .from(CONTACTS).join(ACCOUNTS).on(ACCOUNTS.ID.eq(CONTACTS.ACCOUNT_ID))
                .where(CONTACTS.EMAIL.eq(email.value())).and(CONTACTS.ACTIVE)
                .fetchOptional(r -> new ContactWithAccount(contact(r.into(CONTACTS)), account(r.into(ACCOUNTS))));
    }

    @Override
    public Optional<Contact> contact(ContactId id) {
        return db.dsl().selectFrom(CONTACTS).where(CONTACTS.ID.eq(id.value())).fetchOptional(JooqContactDirectory::contact);
    }

    @Override
    public Map<ContactId, Contact> contactsById(Collection<ContactId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<ContactId, Contact> found = new LinkedHashMap<>();
        db.dsl().selectFrom(CONTACTS).where(CONTACTS.ID.in(ids.stream().map(ContactId::value).distinct().toList()))
                .fetch(JooqContactDirectory::contact).forEach(c -> found.put(c.id(), c));
        return found;
    }

    @Override
    public List<Contact> contactsOf(AccountId account) {
        return db.dsl().selectFrom(CONTACTS).where(CONTACTS.ACCOUNT_ID.eq(account.value())).orderBy(CONTACTS.ID)
                .fetch(JooqContactDirectory::contact);
    }

    @Override
    public boolean deactivate(ContactId id) {
        return db.dsl().update(CONTACTS).set(CONTACTS.ACTIVE, false)
                .where(CONTACTS.ID.eq(id.value())).and(CONTACTS.ACTIVE).execute() == 1;
    }

    @Override
    public boolean certify(ContactId id, Optional<LocalDate> until) {
        return db.dsl().update(CONTACTS).set(CONTACTS.CERTIFIED_UNTIL, until.orElse(null))
                .where(CONTACTS.ID.eq(id.value())).and(CONTACTS.ACTIVE).execute() == 1;
    }

    @Override
    public boolean setAlwaysAvailable(ContactId id, boolean available) {
        return db.dsl().update(CONTACTS).set(CONTACTS.ALWAYS_AVAILABLE, available)
                .where(CONTACTS.ID.eq(id.value())).and(CONTACTS.ACTIVE).execute() == 1;
    }

    @Override
    public List<Contact> alwaysAvailable(AccountId account) {
        return db.dsl().selectFrom(CONTACTS).where(CONTACTS.ACCOUNT_ID.eq(account.value())).and(CONTACTS.ACTIVE)
                .and(CONTACTS.ALWAYS_AVAILABLE).orderBy(CONTACTS.ID).fetch(JooqContactDirectory::contact);
    }

    @Override
    public List<Contact> certificationsEndingBetween(LocalDate from, LocalDate to) {
        return db.dsl().selectFrom(CONTACTS).where(CONTACTS.ACTIVE)
                .and(CONTACTS.CERTIFIED_UNTIL.between(from, to)).orderBy(CONTACTS.ID)
                .fetch(JooqContactDirectory::contact);
    }

    private static Account account(AccountsRecord r) {
        return new Account(new AccountId(r.getId()), r.getName(), Optional.ofNullable(r.getCoverageEndsOn()),
                new AccountManager(r.getAccountManagerName(), r.getAccountManagerEmail()));
    }

    private static Contact contact(ContactsRecord r) {
        return new Contact(new ContactId(r.getId()), new AccountId(r.getAccountId()), r.getName(),
                EmailAddress.parse(r.getEmail()).orElseThrow(() -> new IllegalStateException("stored contact address is invalid")),
                r.getPhone(), Language.parse(r.getLanguage()).orElse(Language.EN),
                Optional.ofNullable(r.getDiscordUserId()), Optional.ofNullable(r.getCertifiedUntil()), r.getActive());
    }
}

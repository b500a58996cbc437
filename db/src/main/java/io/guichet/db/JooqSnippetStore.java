package io.guichet.db;

import io.guichet.core.port.SnippetStore;
import io.guichet.core.snippet.Snippet;
import io.guichet.db.jooq.tables.records.SnippetsRecord;

import java.util.List;
import java.util.Optional;

import static io.guichet.db.jooq.Tables.SNIPPETS;

/** {@link SnippetStore} on PostgreSQL: one row per name. */
public final class JooqSnippetStore implements SnippetStore {

    private final JooqSession db;

    public JooqSnippetStore(JooqSession db) {
        this.db = db;
    }

    @Override
    public Optional<Snippet> save(Snippet snippet) {
        Optional<Snippet> before = db.dsl().selectFrom(SNIPPETS).where(SNIPPETS.NAME.eq(snippet.name())).forUpdate()
                .fetchOptional(JooqSnippetStore::read);
        db.dsl().insertInto(SNIPPETS, SNIPPETS.NAME, SNIPPETS.TEXT, SNIPPETS.SAVED_BY, SNIPPETS.SAVED_AT)
                .values(snippet.name(), snippet.text(), snippet.savedBy(), Times.at(snippet.savedAt()))
                .onConflict(SNIPPETS.NAME).doUpdate()
                .set(SNIPPETS.TEXT, snippet.text()).set(SNIPPETS.SAVED_BY, snippet.savedBy())
                .set(SNIPPETS.SAVED_AT, Times.at(snippet.savedAt()))
                .execute();
        return before;
    }

    @Override
    public Optional<Snippet> remove(String name) {
        return db.dsl().deleteFrom(SNIPPETS).where(SNIPPETS.NAME.eq(name)).returning()
                .fetchOptional().map(JooqSnippetStore::read);
    }

    @Override
    public Optional<Snippet> find(String name) {
        return db.dsl().selectFrom(SNIPPETS).where(SNIPPETS.NAME.eq(name)).fetchOptional(JooqSnippetStore::read);
    }

    @Override
    public List<Snippet> all() {
        return db.dsl().selectFrom(SNIPPETS).orderBy(SNIPPETS.NAME).fetch(JooqSnippetStore::read);
    }

    private static Snippet read(SnippetsRecord r) {
        return new Snippet(r.getName(), r.getText(), r.getSavedBy(), Times.instant(r.getSavedAt()));
    }
}

package io.guichet.db;

import io.guichet.core.account.Language;
import io.guichet.core.kb.Article;
import io.guichet.core.kb.KnowledgeBase;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.Clock;
import java.util.List;

import static io.guichet.db.jooq.Tables.KB_ARTICLES;

/** {@link KnowledgeBase} on PostgreSQL full-text search (a generated tsvector per language, GIN-indexed). */
public final class JooqKnowledgeBase implements KnowledgeBase {

    private final JooqSession db;
    private final Clock clock;

    public JooqKnowledgeBase(JooqSession db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void save(Article article) {
        db.dsl().insertInto(KB_ARTICLES)
                .set(KB_ARTICLES.SLUG, article.slug())
                .set(KB_ARTICLES.TITLE, article.title())
                .set(KB_ARTICLES.LANGUAGE, article.language().code())
                .set(KB_ARTICLES.BODY, article.body())
                .set(KB_ARTICLES.UPDATED_AT, Times.at(clock.instant()))
                .onConflict(KB_ARTICLES.SLUG).doUpdate()
                .set(KB_ARTICLES.TITLE, article.title())
                .set(KB_ARTICLES.LANGUAGE, article.language().code())
                .set(KB_ARTICLES.BODY, article.body())
                .set(KB_ARTICLES.UPDATED_AT, Times.at(clock.instant()))
                .execute();
    }

    @Override
    public List<Article> search(String text, Language language, int limit) {
        String config = language == Language.FR ? "french" : "english";
        Field<Object> query = DSL.field("websearch_to_tsquery({0}::regconfig, {1})", Object.class, DSL.inline(config), DSL.val(text));
        Field<Double> rank = DSL.field("ts_rank({0}, {1})", SQLDataType.DOUBLE, KB_ARTICLES.SEARCH, query);
        return db.dsl().select(KB_ARTICLES.SLUG, KB_ARTICLES.TITLE, KB_ARTICLES.LANGUAGE, KB_ARTICLES.BODY)
                .from(KB_ARTICLES)
                .where(KB_ARTICLES.LANGUAGE.eq(language.code()))
                .and(DSL.condition("{0} @@ {1}", KB_ARTICLES.SEARCH, query))
                .orderBy(rank.desc(), KB_ARTICLES.SLUG)
                .limit(limit)
                .fetch(r -> new Article(r.value1(), r.value2(), Language.parse(r.value3()).orElse(Language.EN), r.value4()));
    }

    @Override
    public java.util.Optional<Article> find(String slug) {
        return db.dsl().select(KB_ARTICLES.SLUG, KB_ARTICLES.TITLE, KB_ARTICLES.LANGUAGE, KB_ARTICLES.BODY)
                .from(KB_ARTICLES).where(KB_ARTICLES.SLUG.eq(slug))
                .fetchOptional(r -> new Article(r.value1(), r.value2(), Language.parse(r.value3()).orElse(Language.EN),
                        r.value4()));
    }

    /**
     * Any word of the text may match (the words of {@code plainto_tsquery} joined with OR); relevance is
     * {@code ts_rank} with normalization 32 ({@code rank / (rank + 1)}, between 0 and 1).
     */
    @Override
    public List<Article> suggest(String text, Language language, int limit, double threshold) {
        String config = language == Language.FR ? "french" : "english";
        Field<Object> query = DSL.field("nullif(replace(plainto_tsquery({0}::regconfig, {1})::text, ' & ', ' | '), '')::tsquery",
                Object.class, DSL.inline(config), DSL.val(text));
        Field<Double> rank = DSL.field("ts_rank({0}, {1}, 32)", SQLDataType.DOUBLE, KB_ARTICLES.SEARCH, query);
        return db.dsl().select(KB_ARTICLES.SLUG, KB_ARTICLES.TITLE, KB_ARTICLES.LANGUAGE, KB_ARTICLES.BODY)
                .from(KB_ARTICLES)
                .where(KB_ARTICLES.LANGUAGE.eq(language.code()))
                .and(DSL.condition("{0} @@ {1}", KB_ARTICLES.SEARCH, query))
                .and(rank.ge(threshold))
                .orderBy(rank.desc(), KB_ARTICLES.SLUG)
                .limit(limit)
                .fetch(r -> new Article(r.value1(), r.value2(), Language.parse(r.value3()).orElse(Language.EN), r.value4()));
    }

    @Override
    public int count() {
        return db.dsl().fetchCount(KB_ARTICLES);
    }
}

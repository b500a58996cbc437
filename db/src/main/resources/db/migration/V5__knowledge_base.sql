-- Knowledge-base articles (R12e, R19: customers are pointed to the knowledge base), searchable in French and English.

create table kb_articles (
    id          bigint generated always as identity primary key,
    slug        text        not null,
    title       text        not null,
    language    text        not null check (language in ('en', 'fr')),
    body        text        not null,
    updated_at  timestamptz not null,
    search      tsvector generated always as (
                    case language
                        when 'fr' then setweight(to_tsvector('french', title), 'A') || to_tsvector('french', body)
                        else setweight(to_tsvector('english', title), 'A') || to_tsvector('english', body)
                    end) stored,
    constraint kb_articles_slug_unique unique (slug)
);
create index kb_articles_search on kb_articles using gin (search);

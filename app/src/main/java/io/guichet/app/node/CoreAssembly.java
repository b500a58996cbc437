package io.guichet.app.node;

import io.guichet.app.config.GuichetConfig;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.StaffOutbox;
import io.guichet.core.desk.Desks;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.Outbox;
import io.guichet.core.mail.Quarantine;
import io.guichet.db.JooqQuarantine;
import io.guichet.mail.imap.QuarantineFolder;
import io.guichet.db.Database;
import io.guichet.db.JooqAuditLog;
import io.guichet.db.JooqContactDirectory;
import io.guichet.db.JooqDeadlineStore;
import io.guichet.db.JooqKnowledgeBase;
import io.guichet.db.JooqMailJournal;
import io.guichet.db.JooqOutbox;
import io.guichet.db.JooqSnippetStore;
import io.guichet.db.JooqStaffOutbox;
import io.guichet.discord.DiscordThreadPostFormat;
import io.guichet.db.JooqTicketThreads;
import io.guichet.db.JooqTicketStore;
import io.guichet.db.JooqSession;
import io.guichet.db.JooqTransactions;
import io.guichet.db.JooqVersionCatalog;
import io.guichet.db.VersionListCache;
import io.guichet.mail.outbound.ArticleSuggestions;
import io.guichet.mail.outbound.AutoReplyLimits;
import io.guichet.core.desk.KnowledgeDesk;
import java.util.List;
import io.guichet.mail.outbound.MailTemplates;
import io.guichet.mail.outbound.NoticeRenderer;
import io.guichet.mail.outbound.OutboxMessenger;
import io.guichet.mail.headers.SubjectTag;
import io.guichet.mail.inbound.IntakeExtractor;

import io.guichet.core.link.PageLinks;
import io.guichet.core.link.TicketLinks;
import io.guichet.db.JooqWebLinkSecret;

import java.net.URI;
import java.util.function.Function;
import java.time.Clock;
import java.util.Optional;
import java.time.Duration;

/**
 * The core on one database, as every process builds it (a node, an admin command): the stores, the outboxes and
 * the desks. Only this class (with the node's wiring) sees the stores; channels get {@link #desks()}. Each store is
 * built per transaction on its session ({@link JooqTransactions#bind}); {@code journal}, {@code outbox},
 * {@code staffOutbox} and {@code quarantine} are the same stores outside any unit of work (auto-commit), and
 * {@code journals} and {@code staffOutboxes} as seen from a transaction.
 */
public record CoreAssembly(DeskPorts ports, Desks desks, JooqMailJournal journal, JooqOutbox outbox,
                           JooqStaffOutbox staffOutbox, Quarantine quarantine, Optional<PageLinks> pageLinks,
                           PerTransaction<MailJournal> journals, PerTransaction<StaffOutbox> staffOutboxes) {

    public static CoreAssembly on(GuichetConfig config, Database database, Clock clock) {
        JooqTransactions tx = database.transactions();
        JooqSession outside = tx.autoCommit();
        // a ticket's thread post is kept as Discord will show it, rendered with its change (a late post says what was
        // true then)
        boolean threadPosts = config.discord().token().isPresent() && config.discord().threadChannelId().isPresent();
        // R13: a closed ticket's transcript is rendered in the closing transaction, for the log channel
        boolean transcripts = config.discord().token().isPresent() && config.discord().logChannelId().isPresent();
        Function<JooqSession, JooqStaffOutbox> staffOutboxOn = session -> {
            JooqStaffOutbox staff = threadPosts
                    ? new JooqStaffOutbox(session, clock, new DiscordThreadPostFormat())
                    : new JooqStaffOutbox(session, clock);
            return transcripts ? staff.withTranscripts() : staff;
        };
        SubjectTag tag = new SubjectTag(config.mail().map(GuichetConfig.MailConfig::subjectTag)
                .orElse(SubjectTag.DEFAULT_FORMAT));
        String messageIdDomain = config.mail().map(GuichetConfig.MailConfig::messageIdDomain).orElse("guichet.invalid");
        int cap = config.mail().map(GuichetConfig.MailConfig::autoReplyCap)
                .orElse(AutoReplyLimits.defaults().automaticPerWindow());
        Optional<PageLinks> pageLinks = config.web().map(web -> pageLinks(web, outside, clock));
        MailTemplates templates = config.mail().map(GuichetConfig.MailConfig::templates).orElseGet(MailTemplates::new);
        AutoReplyLimits limits = new AutoReplyLimits(cap, 1, Duration.ofHours(24));
        VersionListCache versions = new VersionListCache(JooqVersionCatalog::new, VersionListCache.DEFAULT_TTL,
                Clock.systemUTC());
        PerTransaction<StaffOutbox> staffOutboxes = JooqTransactions.bind(staffOutboxOn::apply);
        // the acknowledgement's suggested articles are read in the transaction of the change, on its connection: a
        // read on the pool while the change holds a connection could wait for one the other changes hold
        DeskPorts ports = new DeskPorts(tx, JooqTransactions.bind(JooqTicketStore::new),
                JooqTransactions.bind(JooqDeadlineStore::new), JooqTransactions.bind(JooqContactDirectory::new),
                versions.perTransaction(),
                JooqTransactions.bind(session -> new OutboxMessenger(new NoticeRenderer(templates, tag,
                        config.policy().reopenWindow(), pageLinks,
                        suggestions(pageLinks, new JooqKnowledgeBase(session, clock))),
                        new JooqMailJournal(session), new JooqOutbox(session), limits, messageIdDomain, clock)),
                staffOutboxes, JooqTransactions.bind(JooqAuditLog::new),
                config.policy(), config.hours(), clock);
        PerTransaction<MailJournal> journals = JooqTransactions.bind(JooqMailJournal::new);
        Desks desks = Desks.of(ports, JooqTransactions.bind(session -> new JooqKnowledgeBase(session, clock)),
                JooqTransactions.bind(JooqTicketThreads::new), journals, new IntakeExtractor(),
                JooqTransactions.bind(JooqSnippetStore::new));
        return new CoreAssembly(ports, desks, new JooqMailJournal(outside), new JooqOutbox(outside),
                staffOutboxOn.apply(outside), new JooqQuarantine(outside), pageLinks, journals, staffOutboxes);
    }

    /**
     * R19: the acknowledgement's suggestions, when the pages are served (their links lead there): the knowledge base's
     * full-text search on the request's subject and description, in the customer's language, above the threshold.
     */
    private static ArticleSuggestions suggestions(Optional<PageLinks> pages, JooqKnowledgeBase knowledge) {
        return (ticket, language) -> pages.map(links -> knowledge.suggest(ticket.fields().subject() + "\n"
                        + ticket.fields().description(), language, KnowledgeDesk.SUGGESTIONS,
                        KnowledgeDesk.SUGGESTION_THRESHOLD).stream()
                .map(a -> new ArticleSuggestions.Suggested(a.title(), links.article(a.slug()))).toList())
                .orElse(List.of());
    }

    /**
     * The links to the customers' pages: under the configured base URL (by default this machine's loopback address
     * and the pages' port), signed with the configured secret, else with the one stored in the database.
     */
    private static PageLinks pageLinks(GuichetConfig.WebConfig web, JooqSession outside, Clock clock) {
        byte[] secret = web.secret().map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .orElseGet(() -> new JooqWebLinkSecret(outside).secret());
        URI base = web.baseUrl().orElseGet(() -> URI.create("http://127.0.0.1:" + web.port()));
        return new PageLinks(base, new TicketLinks(secret, web.linkValidity(), clock), web.featureRequests());
    }

    /** Mail waiting to be sent, and mail given up on (the command line lists and retries it). */
    public Outbox mailOutbox() {
        return outbox;
    }

    /**
     * Releases quarantined mail {@code id}: its receipt is marked released and, in the same transaction, the mail is
     * moved back to the inbox by {@code moveBack}; when the move fails, nothing changes.
     */
    public Released releaseQuarantined(long id, java.util.function.Supplier<QuarantineFolder.Moved> moveBack) {
        try {
            return ports.transactions().inTransaction(tx -> {
                if (!new JooqQuarantine(JooqSession.of(tx)).release(id, ports.clock().instant())) {
                    return new Released.NotQuarantined();
                }
                QuarantineFolder.Moved moved = moveBack.get();
                if (!(moved instanceof QuarantineFolder.Moved.Back)) {
                    throw new MoveRefused(moved);
                }
                return new Released.Moved(moved);
            });
        } catch (MoveRefused refused) {
            return new Released.Moved(refused.moved);
        }
    }

    /** What became of a release: moved back (or the mailbox refused, and nothing changed), or not quarantined. */
    public sealed interface Released {
        record Moved(QuarantineFolder.Moved moved) implements Released {
        }

        record NotQuarantined() implements Released {
        }
    }

    private static final class MoveRefused extends RuntimeException {
        private final QuarantineFolder.Moved moved;

        private MoveRefused(QuarantineFolder.Moved moved) {
            super(null, null, false, false);
            this.moved = moved;
        }
    }

    /** The mail records (threads, receipts), which the command line shows as they are. */
    public MailJournal mail() {
        return journal;
    }
}

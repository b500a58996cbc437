package io.guichet.db;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.desk.TicketTranscript;
import io.guichet.core.port.StaffOutbox;
import io.guichet.core.port.ThreadPostFormat;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.db.jooq.tables.records.StaffOutboxRecord;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.guichet.db.jooq.Tables.STAFF_OUTBOX;
import static io.guichet.db.jooq.Tables.STAFF_OUTBOX_FILES;
import static io.guichet.db.jooq.Tables.TICKET_SUBSCRIBERS;
import static io.guichet.db.jooq.Tables.TICKETS;

/**
 * {@link StaffOutbox} on PostgreSQL. A notice is stored as its kind, its ticket and its words; a claim reads the
 * ticket as it is now. With a {@link ThreadPostFormat}, a thread post is also stored as it was rendered when posted (its
 * text, whom it pings, its files in {@code staff_outbox_files}), and delivered so. Claims take due rows with {@code FOR UPDATE SKIP LOCKED} and push their next attempt out by
 * the lease, so two nodes never deliver the same notice at once and a node that dies loses nothing.
 */
public final class JooqStaffOutbox implements StaffOutbox {

    private static final int MAX_ERROR = 500;

    private final JooqSession db;
    private final Clock clock;
    private final boolean threadPosts;
    private final Optional<ThreadPostFormat> format;
    private final boolean transcripts;

    /** An outbox without ticket threads: {@link StaffNotice.ThreadPost}s are not kept (nobody would read them). */
    public JooqStaffOutbox(JooqSession db, Clock clock) {
        this(db, clock, false);
    }

    /** With {@code threadPosts}, the tickets' thread posts are kept and delivered like every notice (rendered then). */
    public JooqStaffOutbox(JooqSession db, Clock clock, boolean threadPosts) {
        this(db, clock, threadPosts, Optional.empty(), false);
    }

    /** The tickets' thread posts are kept as {@code format} renders them when posted. */
    public JooqStaffOutbox(JooqSession db, Clock clock, ThreadPostFormat format) {
        this(db, clock, true, Optional.of(format), false);
    }

    private JooqStaffOutbox(JooqSession db, Clock clock, boolean threadPosts, Optional<ThreadPostFormat> format,
                            boolean transcripts) {
        this.db = db;
        this.clock = clock;
        this.threadPosts = threadPosts;
        this.format = format;
        this.transcripts = transcripts;
    }

    /**
     * This outbox, also keeping the transcripts of closed tickets (R13) for the staff's log channel: each is rendered
     * in the closing transaction ({@link TicketTranscript}) and kept as its summary line and its file. Without, a
     * {@link StaffNotice.Transcript} is dropped (no log channel: nobody would read it).
     */
    public JooqStaffOutbox withTranscripts() {
        return new JooqStaffOutbox(db, clock, threadPosts, format, true);
    }

    @Override
    public void post(StaffNotice notice) {
        postAll(List.of(notice));
    }

    @Override
    public void postAll(List<StaffNotice> all) {
        List<StaffNotice> notices = all.stream()
                .filter(n -> threadPosts || !(n instanceof StaffNotice.ThreadPost))
                .filter(n -> transcripts || !(n instanceof StaffNotice.Transcript))
                .toList();
        if (notices.isEmpty()) {
            return;
        }
        var at = Times.at(clock.instant());
        var insert = db.dsl().insertInto(STAFF_OUTBOX, STAFF_OUTBOX.TICKET_ID, STAFF_OUTBOX.KIND, STAFF_OUTBOX.DETAIL,
                STAFF_OUTBOX.FROM_SEVERITY, STAFF_OUTBOX.TO_SEVERITY, STAFF_OUTBOX.CREATED_AT,
                STAFF_OUTBOX.NEXT_ATTEMPT_AT, STAFF_OUTBOX.EVENT_KIND, STAFF_OUTBOX.ACTOR, STAFF_OUTBOX.CONTENT,
                STAFF_OUTBOX.PINGED);
        List<List<StaffNotice.PostedFile>> files = new ArrayList<>();
        for (StaffNotice notice : notices) {
            Long ticket = notice.ticket().id().value();
            Optional<StaffNotice.AsPosted> rendered = switch (notice) {
                case StaffNotice.ThreadPost post -> format.map(f -> f.render(post,
                        post.event() == EventKind.CUSTOMER_MESSAGE ? subscribers(post.ticket().id().value()) : List.of()));
                case StaffNotice.Transcript transcript -> Optional.of(transcript.asPosted().orElseGet(() ->
                        TicketTranscript.posted(transcript.ticket(), new JooqMailJournal(db).thread(transcript.ticket().id()),
                                new JooqTicketStore(db).events(transcript.ticket().id()))));
                default -> Optional.empty();
            };
            files.add(rendered.map(StaffNotice.AsPosted::files).orElse(List.of()));
            String content = rendered.map(StaffNotice.AsPosted::content).orElse(null);
            String pinged = rendered.map(r -> String.join(" ", r.pinged())).orElse(null);
            insert = switch (notice) {
                case StaffNotice.NewSeverityOne n -> insert.values(ticket, "NEW_SEVERITY_ONE", "", null, null, at, at, null, null, null, null);
                case StaffNotice.Escalation n -> insert.values(ticket, "ESCALATION", n.reason(), null, null, at, at, null, null, null, null);
                case StaffNotice.TargetBreached n -> insert.values(ticket, "TARGET_BREACHED", n.target(), null, null, at, at, null, null, null, null);
                case StaffNotice.LoopStopped n -> insert.values(ticket, "LOOP_STOPPED", n.detail(), null, null, at, at, null, null, null, null);
                case StaffNotice.Downgraded n -> insert.values(ticket, "DOWNGRADED", n.reason(),
                        (short) n.from().level(), (short) n.to().level(), at, at, null, null, null, null);
                case StaffNotice.Transcript n -> insert.values(ticket, "TRANSCRIPT", "", null, null, at, at, null, null,
                        content, null);
                case StaffNotice.ThreadPost n -> insert.values(ticket, "THREAD_POST", n.text(), null, null, at, at,
                        n.event().name(), n.actor(), content, pinged);
            };
        }
        if (files.stream().allMatch(List::isEmpty)) {
            insert.execute();
            return;
        }
        // rows come back in the order of the values: each row's files go with it
        List<Long> ids = insert.returning(STAFF_OUTBOX.ID).fetch(STAFF_OUTBOX.ID);
        var fileInsert = db.dsl().insertInto(STAFF_OUTBOX_FILES, STAFF_OUTBOX_FILES.OUTBOX_ID,
                STAFF_OUTBOX_FILES.POSITION, STAFF_OUTBOX_FILES.NAME, STAFF_OUTBOX_FILES.DATA);
        for (int i = 0; i < ids.size(); i++) {
            List<StaffNotice.PostedFile> of = files.get(i);
            for (int position = 0; position < of.size(); position++) {
                fileInsert = fileInsert.values(ids.get(i), position, of.get(position).name(), of.get(position).data());
            }
        }
        fileInsert.execute();
    }

    private List<String> subscribers(long ticket) {
        return db.dsl().select(TICKET_SUBSCRIBERS.STAFF_ID).from(TICKET_SUBSCRIBERS)
                .where(TICKET_SUBSCRIBERS.TICKET_ID.eq(ticket))
                .orderBy(TICKET_SUBSCRIBERS.AT, TICKET_SUBSCRIBERS.STAFF_ID)
                .fetch(TICKET_SUBSCRIBERS.STAFF_ID);
    }

    private static final String THREAD_POST = "THREAD_POST";
    /** Another row of the outbox: the earlier thread posts of the same ticket (index staff_outbox_thread_posts). */
    private static final io.guichet.db.jooq.tables.StaffOutbox EARLIER = STAFF_OUTBOX.as("earlier");

    @Override
    public List<Queued> claimDue(Instant now, int limit, Duration lease) {
        return db.atomically(s -> {
            List<Long> ids = s.dsl().select(STAFF_OUTBOX.ID).from(STAFF_OUTBOX)
                    .where(STAFF_OUTBOX.DELIVERED_AT.isNull()).and(STAFF_OUTBOX.ABANDONED_AT.isNull())
                    .and(STAFF_OUTBOX.NEXT_ATTEMPT_AT.le(Times.at(now)))
                    .and(STAFF_OUTBOX.KIND.ne(THREAD_POST).or(DSL.notExists(DSL.selectOne().from(EARLIER)
                            .where(EARLIER.TICKET_ID.eq(STAFF_OUTBOX.TICKET_ID))
                            .and(EARLIER.KIND.eq(THREAD_POST))
                            .and(EARLIER.ID.lt(STAFF_OUTBOX.ID))
                            .and(EARLIER.DELIVERED_AT.isNull()).and(EARLIER.ABANDONED_AT.isNull()))))
                    .orderBy(STAFF_OUTBOX.NEXT_ATTEMPT_AT, STAFF_OUTBOX.ID)
                    .limit(limit)
                    .forUpdate().skipLocked()
                    .fetch(STAFF_OUTBOX.ID);
            if (ids.isEmpty()) {
                return List.of();
            }
            s.dsl().update(STAFF_OUTBOX).set(STAFF_OUTBOX.NEXT_ATTEMPT_AT, Times.at(now.plus(lease)))
                    .where(STAFF_OUTBOX.ID.in(ids)).execute();
            Map<Long, List<StaffNotice.PostedFile>> files = new HashMap<>();
            s.dsl().select(STAFF_OUTBOX_FILES.OUTBOX_ID, STAFF_OUTBOX_FILES.NAME, STAFF_OUTBOX_FILES.DATA)
                    .from(STAFF_OUTBOX_FILES).where(STAFF_OUTBOX_FILES.OUTBOX_ID.in(ids))
                    .orderBy(STAFF_OUTBOX_FILES.OUTBOX_ID, STAFF_OUTBOX_FILES.POSITION)
                    .forEach(f -> files.computeIfAbsent(f.value1(), k -> new ArrayList<>())
                            .add(new StaffNotice.PostedFile(f.value2(), f.value3())));
            return s.dsl().select(STAFF_OUTBOX.fields()).select(TICKETS.fields())
                    .from(STAFF_OUTBOX).join(TICKETS).on(TICKETS.ID.eq(STAFF_OUTBOX.TICKET_ID))
                    .where(STAFF_OUTBOX.ID.in(ids))
                    .fetch(r -> queued(r.into(STAFF_OUTBOX), JooqTicketStore.read(r.into(TICKETS)),
                            files.getOrDefault(r.get(STAFF_OUTBOX.ID), List.of())))
                    .stream()
                    .sorted(Comparator.comparingInt(q -> ids.indexOf(q.id())))
                    .toList();
        });
    }

    @Override
    public void markDelivered(long id, Instant at) {
        db.dsl().update(STAFF_OUTBOX).set(STAFF_OUTBOX.DELIVERED_AT, Times.at(at)).set(STAFF_OUTBOX.LAST_ERROR, "")
                .where(STAFF_OUTBOX.ID.eq(id)).and(STAFF_OUTBOX.DELIVERED_AT.isNull()).execute();
    }

    @Override
    public void markFailed(long id, String error, Optional<Instant> retryAt, Instant now) {
        String shortError = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        var update = db.dsl().update(STAFF_OUTBOX).set(STAFF_OUTBOX.LAST_ERROR, shortError)
                .set(STAFF_OUTBOX.ATTEMPTS, STAFF_OUTBOX.ATTEMPTS.plus(1));
        var next = retryAt.isPresent()
                ? update.set(STAFF_OUTBOX.NEXT_ATTEMPT_AT, Times.at(retryAt.get()))
                : update.set(STAFF_OUTBOX.ABANDONED_AT, Times.at(now));
        next.where(STAFF_OUTBOX.ID.eq(id)).and(STAFF_OUTBOX.DELIVERED_AT.isNull()).execute();
    }

    @Override
    public void release(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        db.dsl().update(STAFF_OUTBOX).set(STAFF_OUTBOX.NEXT_ATTEMPT_AT, Times.at(at))
                .where(STAFF_OUTBOX.ID.in(ids)).and(STAFF_OUTBOX.DELIVERED_AT.isNull())
                .and(STAFF_OUTBOX.ABANDONED_AT.isNull()).execute();
    }

    @Override
    public int pending() {
        return db.dsl().select(DSL.count()).from(STAFF_OUTBOX)
                .where(STAFF_OUTBOX.DELIVERED_AT.isNull()).and(STAFF_OUTBOX.ABANDONED_AT.isNull())
                .fetchSingle().value1();
    }

    private static Queued queued(StaffOutboxRecord r, Ticket ticket, List<StaffNotice.PostedFile> files) {
        StaffNotice notice = switch (r.getKind()) {
            case "NEW_SEVERITY_ONE" -> new StaffNotice.NewSeverityOne(ticket);
            case "ESCALATION" -> new StaffNotice.Escalation(ticket, r.getDetail());
            case "TARGET_BREACHED" -> new StaffNotice.TargetBreached(ticket, r.getDetail());
            case "LOOP_STOPPED" -> new StaffNotice.LoopStopped(ticket, r.getDetail());
            case "DOWNGRADED" -> new StaffNotice.Downgraded(ticket, Severity.of(r.getFromSeverity()),
                    Severity.of(r.getToSeverity()), r.getDetail());
            case "THREAD_POST" -> new StaffNotice.ThreadPost(ticket, EventKind.valueOf(r.getEventKind()),
                    r.getActor() == null ? "" : r.getActor(), r.getDetail(), List.of(),
                    Optional.ofNullable(r.getContent()).map(content -> new StaffNotice.AsPosted(content,
                            r.getPinged() == null || r.getPinged().isBlank() ? List.of()
                                    : Arrays.asList(r.getPinged().split(" ")), files)));
            case "TRANSCRIPT" -> new StaffNotice.Transcript(ticket, Optional.of(new StaffNotice.AsPosted(
                    r.getContent() == null ? "" : r.getContent(), List.of(), files)));
            default -> throw new IllegalStateException("unknown staff notice kind " + r.getKind());
        };
        return new Queued(r.getId(), notice, Times.instant(r.getCreatedAt()), r.getAttempts());
    }
}

package io.guichet.db;

import io.guichet.core.account.AccountId;
import io.guichet.core.account.ContactId;
import io.guichet.core.port.TicketStore;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketFields;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.triage.QueueFilter;
import io.guichet.core.triage.QueueKey;
import io.guichet.db.jooq.tables.records.TicketEventsRecord;
import io.guichet.db.jooq.tables.records.TicketsRecord;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.guichet.db.jooq.Tables.TICKETS;
import static io.guichet.db.jooq.Tables.TICKET_EVENTS;

/** {@link TicketStore} on PostgreSQL: explicit mapping, numbers from a sequence, conditional updates on row_version. */
public final class JooqTicketStore implements TicketStore {

    /** Where tickets without a severity sort in the queue: after severity 4. */
    private static final int NO_SEVERITY = 5;

    /** The holder's stable staff id: the first word of {@code assignee} (see {@link Actor.Staff#stored()}). */
    private static final Field<String> HOLDER_ID = DSL.field("split_part({0}, ' ', 1)", String.class, TICKETS.ASSIGNEE);

    private final JooqSession db;

    public JooqTicketStore(JooqSession db) {
        this.db = db;
    }

    @Override
    public Ticket create(NewTicket ticket) {
        TicketsRecord record = db.dsl().newRecord(TICKETS);
        write(record, ticket.requester(), ticket.request(), ticket.state(), ticket.due(), ticket.timeline());
        record.setRowVersion(0);
        TicketsRecord stored = db.dsl().insertInto(TICKETS).set(record).returning().fetchSingle();
        return read(stored);
    }

    @Override
    public Optional<Ticket> find(TicketNumber number) {
        return db.dsl().selectFrom(TICKETS).where(TICKETS.NUMBER.eq(number.value())).fetchOptional(JooqTicketStore::read);
    }

    @Override
    public Optional<Ticket> find(TicketId id) {
        return db.dsl().selectFrom(TICKETS).where(TICKETS.ID.eq(id.value())).fetchOptional(JooqTicketStore::read);
    }

    @Override
    public Map<TicketId, Ticket> findAll(Collection<TicketId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<TicketId, Ticket> found = new LinkedHashMap<>();
        db.dsl().selectFrom(TICKETS).where(TICKETS.ID.in(ids.stream().map(TicketId::value).distinct().toList()))
                .fetch(JooqTicketStore::read)
                .forEach(t -> found.put(t.id(), t));
        return found;
    }

    @Override
    public Optional<Ticket> update(Ticket changed) {
        int rows = conditionalUpdate(db.dsl(), changed).execute();
        return rows == 1 ? Optional.of(changed.withRowVersion(changed.rowVersion() + 1)) : Optional.empty();
    }

    /**
     * One JDBC batch (one round trip) of the same conditional update, in ticket id order so that two batches take
     * their row locks in the same order.
     */
    @Override
    public List<Optional<Ticket>> updateAll(List<Ticket> changed) {
        if (changed.size() <= 1) {
            return changed.stream().map(this::update).toList();
        }
        List<Ticket> ordered = changed.stream().sorted(Comparator.comparingLong(t -> t.id().value())).toList();
        DSLContext dsl = db.dsl();
        Query first = conditionalUpdate(dsl, ordered.get(0));
        List<Object> firstValues = first.getBindValues();
        // The update sets the record's columns in table order, then has the id and the old row version: its bind
        // values are read straight from each record rather than by walking a query per ticket. Checked on the
        // first ticket against jOOQ's own list, which is used for all if they ever differ.
        boolean direct = bindValues(dsl, ordered.get(0)).equals(firstValues);
        BatchBindStep batch = dsl.batch(first);
        for (Ticket ticket : ordered) {
            List<Object> values = direct ? bindValues(dsl, ticket) : conditionalUpdate(dsl, ticket).getBindValues();
            batch = batch.bind(values.toArray());
        }
        int[] rows = batch.execute();
        Map<TicketId, Integer> counts = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            counts.put(ordered.get(i).id(), rows[i]);
        }
        return changed.stream()
                .map(t -> counts.get(t.id()) == 1 ? Optional.of(t.withRowVersion(t.rowVersion() + 1)) : Optional.<Ticket>empty())
                .toList();
    }

    /** The bind values of {@link #conditionalUpdate}: the columns but the id and number, the id, the old version. */
    private static List<Object> bindValues(DSLContext dsl, Ticket changed) {
        TicketsRecord record = dsl.newRecord(TICKETS);
        write(record, changed.requester(), changed.request(), changed.state(), changed.due(), changed.timeline());
        record.setRowVersion(changed.rowVersion() + 1);
        List<Object> values = new ArrayList<>(record.size() + 2);
        for (int i = 0; i < record.size(); i++) {
            if (i != TICKETS.indexOf(TICKETS.ID) && i != TICKETS.indexOf(TICKETS.NUMBER)) {
                values.add(record.get(i));
            }
        }
        values.add(changed.id().value());
        values.add(changed.rowVersion());
        return values;
    }

    /** Every column but the id and number, if the stored row still has {@code changed}'s row version. */
    private static Query conditionalUpdate(DSLContext dsl, Ticket changed) {
        TicketsRecord record = dsl.newRecord(TICKETS);
        write(record, changed.requester(), changed.request(), changed.state(), changed.due(), changed.timeline());
        record.setRowVersion(changed.rowVersion() + 1);
        record.changed(TICKETS.ID, false);
        record.changed(TICKETS.NUMBER, false);
        return dsl.update(TICKETS).set(record)
                .where(TICKETS.ID.eq(changed.id().value()))
                .and(TICKETS.ROW_VERSION.eq(changed.rowVersion()));
    }

    @Override
    public void append(List<TicketEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        DSLContext dsl = db.dsl();
        var insert = dsl.insertInto(TICKET_EVENTS, TICKET_EVENTS.TICKET_ID, TICKET_EVENTS.AT, TICKET_EVENTS.ACTOR,
                TICKET_EVENTS.KIND, TICKET_EVENTS.FROM_STATUS, TICKET_EVENTS.TO_STATUS, TICKET_EVENTS.DETAIL);
        for (TicketEvent e : events) {
            insert = insert.values(e.ticketId().value(), Times.at(e.at()), e.actor().label(), e.kind().name(),
                    e.from().map(Enum::name).orElse(null), e.to().map(Enum::name).orElse(null), e.detail());
        }
        insert.execute();
    }

    @Override
    public List<TicketEvent> events(TicketId id) {
        return db.dsl().selectFrom(TICKET_EVENTS).where(TICKET_EVENTS.TICKET_ID.eq(id.value()))
                .orderBy(TICKET_EVENTS.ID).fetch(JooqTicketStore::readEvent);
    }

    @Override
    public List<Ticket> queue(Set<TicketStatus> statuses, Optional<Severity> severity, QueueFilter filter,
                              LocalDate today, int offset, int limit) {
        return page(statuses, severity, filter, today, Optional.empty(), offset, limit);
    }

    @Override
    public List<Ticket> queueAfter(Set<TicketStatus> statuses, Optional<Severity> severity, QueueFilter filter,
                                   LocalDate today, QueueKey after, int limit) {
        return page(statuses, severity, filter, today, Optional.of(after), 0, limit);
    }

    /**
     * The filter's conditions, added to every slice: the slices keep their order and their keyset starts. The holder
     * is compared on the first word of {@code assignee} (its stable staff id) and the account on {@code account_id},
     * the very expressions V25's indexes lead with, so "mine" and one account walk those indexes in queue order; the
     * text is a case-insensitive substring of subject or description, checked on the rows the slice walks.
     */
    private static Condition filtered(QueueFilter filter) {
        Condition c = DSL.noCondition();
        if (filter.holder().isPresent()) {
            c = c.and(HOLDER_ID.eq(filter.holder().get()));
        }
        if (filter.account().isPresent()) {
            c = c.and(TICKETS.ACCOUNT_ID.eq(filter.account().get().value()));
        }
        if (filter.text().isPresent()) {
            String text = filter.text().get();
            c = c.and(TICKETS.SUBJECT.containsIgnoreCase(text).or(TICKETS.DESCRIPTION.containsIgnoreCase(text)));
        }
        return c;
    }

    private List<Ticket> page(Set<TicketStatus> statuses, Optional<Severity> severity, QueueFilter filter,
                              LocalDate today, Optional<QueueKey> after, int offset, int limit) {
        // The order is (severity, uncertified submitter, earliest pending due time, age, number). The second key
        // depends on today, so no index gives that order directly: the query reads one slice per (severity,
        // certified or not), each in index order (V6 tickets_queue) and cut at offset + limit rows, and sorts only
        // those. Statuses are inlined so that the planner can match the index's status predicate.
        // After a key (keyset pagination), the slices before the key's are left out, the key's own slice starts after
        // it (a row comparison on the index's columns, plus its tickets without a due time, which sort last), and the
        // later slices start at their beginning: every page reads at most limit rows per slice, however deep.
        if (statuses.isEmpty() || limit <= 0) {
            return List.of();
        }
        Condition narrowed = filtered(filter);
        Condition inStatus = TICKETS.STATUS.in(statuses.stream().sorted().map(s -> DSL.inline(s.name())).toList());
        Field<OffsetDateTime> earliestDue = DSL.least(
                DSL.when(TICKETS.FIRST_RESPONDED_AT.isNull(), TICKETS.FIRST_RESPONSE_DUE_AT),
                TICKETS.NEXT_UPDATE_DUE_AT);
        Condition certified = TICKETS.SUBMITTER_CERTIFIED_UNTIL.ge(today);
        Condition uncertified = TICKETS.SUBMITTER_CERTIFIED_UNTIL.isNull().or(TICKETS.SUBMITTER_CERTIFIED_UNTIL.lt(today));
        List<Optional<Severity>> classes = severity.isPresent() ? List.of(severity)
                : java.util.stream.Stream.concat(java.util.Arrays.stream(Severity.values()).map(Optional::of),
                        java.util.stream.Stream.of(Optional.<Severity>empty())).toList();
        Field<Integer> rank = DSL.field(DSL.name("queue_rank"), Integer.class);
        Field<OffsetDateTime> due = DSL.field(DSL.name("queue_due"), OffsetDateTime.class);
        DSLContext dsl = db.dsl();
        Select<Record> slices = null;
        int slice = 0;
        for (Optional<Severity> level : classes) {
            int severityKey = level.map(Severity::level).orElse(NO_SEVERITY);
            // coalesce, not "is null": the planner walks an index in order only below an equality
            Condition inClass = DSL.coalesce(TICKETS.SEVERITY, DSL.inline((short) NO_SEVERITY))
                    .eq(DSL.inline((short) severityKey));
            for (boolean certifiedSlice : List.of(true, false)) {
                Condition certification = certifiedSlice ? certified : uncertified;
                int position = after.map(k -> Integer.compare(k.severity() * 2 + (k.certified() ? 0 : 1),
                        severityKey * 2 + (certifiedSlice ? 0 : 1))).orElse(-1);
                List<Condition> starts;
                if (position > 0) {
                    continue;
                } else if (position < 0) {
                    starts = List.of(DSL.noCondition());
                } else {
                    QueueKey key = after.orElseThrow();
                    Condition laterSameDue = DSL.row(TICKETS.CREATED_AT, TICKETS.NUMBER)
                            .gt(Times.at(key.createdAt()), key.number());
                    starts = key.due().isPresent()
                            ? List.of(DSL.row(earliestDue, TICKETS.CREATED_AT, TICKETS.NUMBER)
                                            .gt(Times.at(key.due().get()), Times.at(key.createdAt()), key.number()),
                                    earliestDue.isNull())
                            : List.of(earliestDue.isNull().and(laterSameDue));
                }
                int sliceRank = slice++;
                for (Condition start : starts) {
                    Select<Record> part = dsl.select(TICKETS.fields())
                            .select(DSL.inline(sliceRank).as(rank.getName()), earliestDue.as(due.getName()))
                            .from(TICKETS)
                            .where(inStatus).and(inClass).and(certification).and(start).and(narrowed)
                            .orderBy(earliestDue.asc().nullsLast(), TICKETS.CREATED_AT.asc(), TICKETS.NUMBER.asc())
                            .limit(offset + limit);
                    slices = slices == null ? part : slices.unionAll(part);
                }
            }
        }
        if (slices == null) {
            return List.of();
        }
        Table<Record> q = slices.asTable("q");
        return dsl.select(q.fields(TICKETS.fields()))
                .from(q)
                .orderBy(q.field(rank).asc(), q.field(due).asc().nullsLast(), q.field(TICKETS.CREATED_AT).asc(),
                        q.field(TICKETS.NUMBER).asc())
                .offset(offset)
                .limit(limit)
                .fetch(r -> read(r.into(TICKETS)));
    }

    @Override
    public int refreshSubmitterCertification(ContactId contact, Optional<LocalDate> certifiedUntil) {
        List<String> active = java.util.Arrays.stream(TicketStatus.values()).filter(TicketStatus::active)
                .map(Enum::name).toList();
        return db.dsl().update(TICKETS)
                .set(TICKETS.SUBMITTER_CERTIFIED_UNTIL, certifiedUntil.orElse(null))
                .set(TICKETS.ROW_VERSION, TICKETS.ROW_VERSION.plus(1))
                .where(TICKETS.CONTACT_ID.eq(contact.value()))
                .and(TICKETS.STATUS.in(active))
                .execute();
    }

    private static void write(TicketsRecord r, Ticket.Requester requester, Ticket.Request request, Ticket.State state,
                              Ticket.Due due, Ticket.Timeline t) {
        TicketFields f = request.fields();
        r.setAccountId(requester.accountId().value());
        r.setContactId(requester.contactId().value());
        r.setSubject(f.subject());
        r.setDescription(f.description());
        r.setServerUrl(f.serverUrl().orElse(null));
        r.setModule(f.module().orElse(null));
        r.setStepsToReproduce(f.stepsToReproduce().orElse(null));
        r.setAffectedDevices(f.affectedDevices().orElse(null));
        r.setProductVersion(f.version().orElse(null));
        r.setSeverity(f.severity().map(s -> (short) s.level()).orElse(null));
        r.setOriginalSeverity(request.originalSeverity().map(s -> (short) s.level()).orElse(null));
        r.setStatus(state.status().name());
        r.setResolutionReason(state.resolution().map(Enum::name).orElse(null));
        r.setAssignee(state.assignee().map(Actor.Staff::stored).orElse(null));
        r.setEscalated(state.escalated());
        r.setSubmitterCertifiedUntil(requester.certifiedUntil().orElse(null));
        r.setPreviousTicketId(request.previousTicket().map(TicketId::value).orElse(null));
        r.setFirstResponseDueAt(Times.atOrNull(due.firstResponseBy()));
        r.setNextUpdateDueAt(Times.atOrNull(due.nextUpdateBy()));
        r.setFirstRespondedAt(Times.atOrNull(due.firstRespondedAt()));
        r.setUpdateIntervalSeconds(due.updateInterval().map(java.time.Duration::toSeconds).orElse(null));
        r.setCreatedAt(Times.at(t.createdAt()));
        r.setUpdatedAt(Times.at(t.updatedAt()));
        r.setStatusSince(Times.at(t.statusSince()));
        r.setResolvedAt(Times.atOrNull(t.resolvedAt()));
        r.setClosedAt(Times.atOrNull(t.closedAt()));
        r.setAvailabilityAskedAt(Times.atOrNull(t.availabilityAskedAt()));
    }

    static Ticket read(TicketsRecord r) {
        TicketFields fields = new TicketFields(r.getSubject(), r.getDescription(),
                Optional.ofNullable(r.getSeverity()).map(s -> Severity.of(s)),
                Optional.ofNullable(r.getServerUrl()), Optional.ofNullable(r.getModule()),
                Optional.ofNullable(r.getStepsToReproduce()), Optional.ofNullable(r.getAffectedDevices()),
                Optional.ofNullable(r.getProductVersion()));
        return new Ticket(new TicketId(r.getId()), new TicketNumber(r.getNumber()),
                new Ticket.Requester(new AccountId(r.getAccountId()), new ContactId(r.getContactId()),
                        Optional.ofNullable(r.getSubmitterCertifiedUntil())),
                new Ticket.Request(fields, Optional.ofNullable(r.getOriginalSeverity()).map(s -> Severity.of(s)),
                        Optional.ofNullable(r.getPreviousTicketId()).map(TicketId::new)),
                new Ticket.State(TicketStatus.valueOf(r.getStatus()),
                        Optional.ofNullable(r.getResolutionReason()).map(ResolutionReason::valueOf),
                        Optional.ofNullable(r.getAssignee()).map(Actor.Staff::parseStored), r.getEscalated()),
                new Ticket.Due(Times.optional(r.getFirstResponseDueAt()), Times.optional(r.getNextUpdateDueAt()),
                        Times.optional(r.getFirstRespondedAt()),
                        Optional.ofNullable(r.getUpdateIntervalSeconds()).map(java.time.Duration::ofSeconds)),
                new Ticket.Timeline(Times.instant(r.getCreatedAt()), Times.instant(r.getUpdatedAt()),
                        Times.instant(r.getStatusSince()), Times.optional(r.getResolvedAt()),
                        Times.optional(r.getClosedAt()), Times.optional(r.getAvailabilityAskedAt())),
                r.getRowVersion());
    }

    private static TicketEvent readEvent(TicketEventsRecord r) {
        return new TicketEvent(new TicketId(r.getTicketId()), Times.instant(r.getAt()), Actor.fromLabel(r.getActor()),
                EventKind.valueOf(r.getKind()), Optional.ofNullable(r.getFromStatus()).map(TicketStatus::valueOf),
                Optional.ofNullable(r.getToStatus()).map(TicketStatus::valueOf), r.getDetail());
    }
}

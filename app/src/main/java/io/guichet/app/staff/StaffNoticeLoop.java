package io.guichet.app.staff;

import io.guichet.core.desk.StaffNoticeDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the staff outbox's dispatcher on a thread of its own: a pass every {@code interval}, and another at once
 * after a pass that found work (a backlog drains without waiting). A pass that fails (database down) is logged and
 * the next one tries again; nothing is lost, the notices wait in the outbox.
 */
public final class StaffNoticeLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StaffNoticeLoop.class);

    private final StaffNoticeDispatcher dispatcher;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("staff-notices").daemon(true).factory());

    public StaffNoticeLoop(StaffNoticeDispatcher dispatcher, Duration interval) {
        this.dispatcher = dispatcher;
        this.interval = interval;
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::drain, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void drain() {
        try {
            StaffNoticeDispatcher.Pass pass;
            do {
                pass = dispatcher.deliverDue();
            } while (pass.delivered() > 0 && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            LOG.warn("staff notices not delivered this round ({}); tried again in {} s", e.toString(),
                    interval.toSeconds());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

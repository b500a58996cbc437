package io.guichet.app.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The database answers a query within a timeout. The query runs on a virtual thread of its own, so a database that
 * hangs never blocks the HTTP threads or a shared pool; while one query is still waiting, later probes wait on that
 * same query instead of piling up new ones.
 */
final class DatabaseCheck implements Check {

    private final BooleanSupplier answers;
    private final Duration timeout;
    private CompletableFuture<Boolean> pending;

    DatabaseCheck(BooleanSupplier answers, Duration timeout) {
        this.answers = answers;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Result run() {
        CompletableFuture<Boolean> query = query();
        try {
            return query.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? Result.up("answers") : Result.down("no answer");
        } catch (TimeoutException e) {
            return Result.down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Result.down("unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.down("check interrupted");
        }
    }

    private synchronized CompletableFuture<Boolean> query() {
        if (pending == null || pending.isDone()) {
            CompletableFuture<Boolean> next = new CompletableFuture<>();
            Thread.ofVirtual().name("guichet-health-database").start(() -> {
                try {
                    next.complete(answers.getAsBoolean());
                } catch (RuntimeException e) {
                    next.completeExceptionally(e);
                }
            });
            pending = next;
        }
        return pending;
    }
}

package org.opendps.server.limits;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/**
 * A worker pool with a bounded queue in front of it. Behind the workers are the database and the hubs; when they
 * slow down, an unbounded queue turns every request into a slow one and holds each waiting request's memory. Here
 * a request beyond {@code capacity} (waiting or running), or one that waited longer than {@code maxWait} for a
 * thread, is refused at once with 429 and Retry-After, so the requests that are taken keep a bounded latency and
 * clients come back when there is room.
 */
public final class BoundedWorker implements WorkerExecutor {
    private final WorkerExecutor workers;
    private final int capacity;
    private final long maxWaitNanos;
    private final int retryAfterSeconds;
    private final AtomicInteger inFlight = new AtomicInteger();

    public BoundedWorker(WorkerExecutor workers, int capacity, Duration maxWait, int retryAfterSeconds) {
        this.workers = Objects.requireNonNull(workers, "workers");
        if (capacity < 1 || retryAfterSeconds < 1 || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("capacity, maxWait and retryAfterSeconds must be positive");
        }
        this.capacity = capacity;
        this.maxWaitNanos = maxWait.toNanos();
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public <T> Future<T> executeBlocking(Callable<T> call, boolean ordered) {
        if (inFlight.incrementAndGet() > capacity) {
            inFlight.decrementAndGet();
            return Future.failedFuture(busy());
        }
        long queued = System.nanoTime();
        return workers.<T>executeBlocking(() -> {
            if (System.nanoTime() - queued > maxWaitNanos) {
                throw busy();
            }
            return call.call();
        }, ordered).andThen(done -> inFlight.decrementAndGet());
    }

    /** Requests waiting for or holding a worker thread now. */
    public int inFlight() {
        return inFlight.get();
    }

    private DpsException busy() {
        return new DpsException(DpsError.THROTTLED, "The service is busy; retry after " + retryAfterSeconds + " s.",
                retryAfterSeconds);
    }

    /** The pool is shared; closing this queue leaves it to its owner. */
    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}

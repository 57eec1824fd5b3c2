package org.opendps.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

class BoundedWorkerTest {
    private final Vertx vertx = Vertx.vertx();
    private final WorkerExecutor pool = vertx.createSharedWorkerExecutor("bounded-worker-test", 2);

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void work_past_the_capacity_is_refused_at_once_with_429_and_retry_after_and_room_comes_back() throws Exception {
        BoundedWorker worker = new BoundedWorker(pool, 3, Duration.ofSeconds(30), 7);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(worker.executeBlocking(() -> {
                release.await();
                return "done";
            }, false));
        }
        Future<String> refused = worker.executeBlocking(() -> "never", false);
        assertThat(refused.failed()).isTrue();
        assertThat(refused.cause()).isInstanceOfSatisfying(DpsException.class, e -> {
            assertThat(e.error()).isEqualTo(DpsError.THROTTLED);
            assertThat(e.retryAfterSeconds()).isEqualTo(7);
        });

        release.countDown();
        for (Future<String> future : held) {
            assertThat(future.await(5, TimeUnit.SECONDS)).isEqualTo("done");
        }
        assertThat(worker.executeBlocking(() -> "again", false).await(5, TimeUnit.SECONDS)).isEqualTo("again");
        assertThat(worker.inFlight()).isZero();
    }

    @Test
    void work_that_waited_longer_than_the_limit_for_a_thread_is_refused_not_run_late() throws Exception {
        BoundedWorker worker = new BoundedWorker(pool, 100, Duration.ofMillis(100), 1);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            worker.executeBlocking(() -> {
                release.await();
                return null;
            }, false);
        }
        boolean[] ran = {false};
        Future<String> late = worker.executeBlocking(() -> {
            ran[0] = true;
            return "late";
        }, false);
        Thread.sleep(300);
        release.countDown();
        try {
            late.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // expected: refused
        }
        assertThat(late.failed()).isTrue();
        assertThat(late.cause()).isInstanceOf(DpsException.class);
        assertThat(ran[0]).isFalse();
    }
}

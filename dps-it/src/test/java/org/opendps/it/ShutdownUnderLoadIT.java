package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9: a node stopped (SIGTERM) while clients keep sending must not answer anything 500: requests it took are
 * answered, later ones find the port closed, which clients retry elsewhere. The worker threads used to stop before
 * the listener, so requests read meanwhile were answered 500 (a rejected task), as CrashSafetyIT saw.
 */
class ShutdownUnderLoadIT {
    private static final int CLIENTS = 8;

    @TempDir
    Path temp;

    @Test
    void a_node_stopped_under_load_answers_no_request_500() throws Exception {
        TestServer server = TestServer.start(temp);
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger answeredWhileStopping = new AtomicInteger();
        List<String> serverErrors = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.execute(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            HttpResponse<String> answer = server.sendAsOwner("GET",
                                    "/linkedHubs/localhost?api-version=2021-10-01", null);
                            (stopping.get() ? answeredWhileStopping : answered).incrementAndGet();
                            if (answer.statusCode() >= 500) {
                                serverErrors.add(answer.statusCode() + " " + answer.body());
                            }
                        } catch (IOException e) {
                            // refused or closed: the node is gone, as a client expects of a stopped node
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            while (answered.get() < 200) {
                Thread.sleep(10);
            }
            stopping.set(true);
            server.close();
        } finally {
            clients.shutdownNow();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(serverErrors).as("answers of 500 or more while the node stopped (%s answered meanwhile)",
                answeredWhileStopping.get()).isEmpty();
    }
}

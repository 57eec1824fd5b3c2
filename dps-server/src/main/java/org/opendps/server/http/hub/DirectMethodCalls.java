package org.opendps.server.http.hub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.server.mqtt.DirectMethods;
import org.opendps.wire.json.DirectMethodResultJson;

/** Waiting for a direct method on a worker thread, and IoT Hub's answer to it. */
final class DirectMethodCalls {
    private DirectMethodCalls() {}

    /** The future completes by itself at the method's timeout, so waiting without a bound of our own is safe. */
    static DirectMethods.Result await(CompletableFuture<DirectMethods.Result> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DpsException(DpsError.SERVICE_UNAVAILABLE, "The server is stopping; try again.");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a direct method failed", e.getCause());
        }
    }

    static String answer(DirectMethods.Result result) {
        return DirectMethodResultJson.write(result.status(), result.payloadJson());
    }
}

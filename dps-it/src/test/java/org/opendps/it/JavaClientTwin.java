package org.opendps.it;

import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java device client's blocking twin calls, asked again when the client loses the answer to its own race.
 *
 * <p>In 2.5.0 the MQTT callback thread queues a received twin response for the receive thread and only then looks
 * up the request's correlation callback; the receive thread, once it has handled the message, removes that callback
 * on a thread of its own. When the callback thread is descheduled between the two steps (a loaded 2-core machine),
 * the lookup finds nothing and {@code getTwin} or {@code updateReportedProperties} waits out its timeout although the
 * answer arrived (the client logs it). No server timing avoids it, so the calls are asked again, as a device
 * application would; a server that never answers still fails every attempt. docs/sdk-quirks.md records it.
 */
final class JavaClientTwin {
    private static final Logger LOG = LoggerFactory.getLogger(JavaClientTwin.class);
    private static final int ATTEMPTS = 3;
    private static final int TIMEOUT_MILLIS = 15_000;

    private JavaClientTwin() {}

    static Twin get(DeviceClient client) throws InterruptedException, IotHubClientException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.getTwin(TIMEOUT_MILLIS);
            } catch (IotHubClientException e) {
                retryOrThrow(e, attempt, "getTwin");
            }
        }
    }

    /** A reported-properties patch is idempotent, so asking again cannot change the outcome. */
    static void report(DeviceClient client, TwinCollection reported) throws InterruptedException, IotHubClientException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.updateReportedProperties(reported, TIMEOUT_MILLIS);
                return;
            } catch (IotHubClientException e) {
                retryOrThrow(e, attempt, "updateReportedProperties");
            }
        }
    }

    private static void retryOrThrow(IotHubClientException e, int attempt, String call) throws IotHubClientException {
        if (e.getStatusCode() != IotHubStatusCode.DEVICE_OPERATION_TIMED_OUT || attempt == ATTEMPTS) {
            throw e;
        }
        LOG.warn("The Java device client's {} timed out (attempt {} of {}); asking again", call, attempt, ATTEMPTS);
    }
}

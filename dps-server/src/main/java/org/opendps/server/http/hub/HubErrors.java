package org.opendps.server.http.hub;

import java.time.Clock;
import java.util.UUID;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.server.http.ApiResponse;
import org.opendps.wire.json.HubErrorJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure of the hub service API into IoT Hub's error answer, which differs from the DPS one
 * ({@code HttpErrorMapper}): the status from the catalogue code, the body of {@link HubErrorJson} and the
 * {@code iothub-errorcode} header with the code's name. Refusals are logged at DEBUG without a stack; anything else
 * is a bug, logged with its stack and answered with a 500 that tells nothing of it.
 */
final class HubErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HubErrors.class);

    private final Clock clock;

    HubErrors(Clock clock) {
        this.clock = clock;
    }

    ApiResponse map(Throwable failure) {
        String trackingId = UUID.randomUUID().toString();
        DpsException refusal = failure instanceof DpsException dps ? dps : null;
        if (refusal == null) {
            LOG.error("Hub request failed unexpectedly (trackingId {})", trackingId, failure);
            refusal = new DpsException(DpsError.INTERNAL_ERROR);
        } else {
            LOG.debug("Hub request refused: {} {} (trackingId {})", refusal.error().code(), refusal.getMessage(),
                    trackingId);
        }
        DpsError error = refusal.error();
        ApiResponse answer = ApiResponse.json(error.httpStatus(), HubErrorJson.write(error.pascalName(),
                        error.code(), refusal.getMessage(), trackingId, clock.instant()))
                .withHeader("iothub-errorcode", error.pascalName());
        return refusal.retryAfterSeconds() > 0
                ? answer.withHeader("Retry-After", String.valueOf(refusal.retryAfterSeconds()))
                : answer;
    }
}

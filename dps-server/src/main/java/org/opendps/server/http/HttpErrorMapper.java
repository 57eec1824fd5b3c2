package org.opendps.server.http;

import java.time.Clock;
import java.util.UUID;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.wire.json.ErrorJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure into Azure's error answer: the status from the catalogue code, the body
 * {@code {errorCode, trackingId, message, timestampUtc}} and the {@code x-ms-error-code} header. Refusals are
 * expected, so they are logged at DEBUG without a stack; anything else is a bug, logged with its stack and answered
 * with a generic 500 that leaks nothing.
 */
public final class HttpErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorMapper.class);

    private final Clock clock;

    public HttpErrorMapper(Clock clock) {
        this.clock = clock;
    }

    public ApiResponse map(Throwable failure) {
        String trackingId = UUID.randomUUID().toString();
        DpsException refusal = failure instanceof DpsException dps ? dps : null;
        if (refusal == null) {
            LOG.error("Request failed unexpectedly (trackingId {})", trackingId, failure);
            refusal = new DpsException(DpsError.INTERNAL_ERROR);
        } else {
            LOG.debug("Request refused: {} {} (trackingId {})", refusal.error().code(), refusal.getMessage(),
                    trackingId);
        }
        ApiResponse answer = error(refusal.error(), refusal.getMessage(), trackingId);
        // How a throttled device learns when to come back (429); the C SDK retries on it.
        return refusal.retryAfterSeconds() > 0
                ? answer.withHeader("Retry-After", String.valueOf(refusal.retryAfterSeconds()))
                : answer;
    }

    public ApiResponse error(DpsError error, String message, String trackingId) {
        byte[] body = ErrorJson.write(error.code(), message, trackingId, clock.instant());
        return ApiResponse.json(error.httpStatus(), body)
                .withHeader("x-ms-error-code", String.valueOf(error.code()));
    }
}

package org.opendps.core.provisioning;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/**
 * Flood protection for registrations: a token bucket for the instance and one per registration ID. The defaults
 * are generous (this guards the service, it does not ration it as Azure's quotas do); a refusal is a 429 with the
 * seconds until a token is back.
 */
public final class RegistrationThrottle {
    /** Per-device buckets are dropped when this many exist, so that random IDs cannot grow memory without bound. */
    private static final int MAX_TRACKED_DEVICES = 100_000;

    private final Clock clock;
    private final Limit instanceLimit;
    private final Limit deviceLimit;
    private final TokenBucket instance;
    private final Map<String, TokenBucket> devices = new ConcurrentHashMap<>();

    /** @param instanceLimit registrations per second for the whole instance; deviceLimit per registration ID */
    public RegistrationThrottle(Limit instanceLimit, Limit deviceLimit, Clock clock) {
        this.clock = clock;
        this.instanceLimit = instanceLimit;
        this.deviceLimit = deviceLimit;
        this.instance = new TokenBucket(instanceLimit, clock.millis());
    }

    /** Takes one token for the instance and one for the device, or throws 429 with Retry-After. */
    public void acquire(String registrationId) {
        long now = clock.millis();
        if (devices.size() > MAX_TRACKED_DEVICES) {
            devices.clear();
        }
        TokenBucket device = devices.computeIfAbsent(registrationId.toLowerCase(Locale.ROOT),
                id -> new TokenBucket(deviceLimit, now));
        long deviceWait = device.tryTake(now);
        if (deviceWait > 0) {
            throw throttled("Too many registrations of this device", deviceWait);
        }
        long instanceWait = instance.tryTake(now);
        if (instanceWait > 0) {
            throw throttled("Too many registrations for this instance", instanceWait);
        }
    }

    private static DpsException throttled(String message, long waitMillis) {
        int seconds = (int) Math.max(1, (waitMillis + 999) / 1000);
        return new DpsException(DpsError.THROTTLED, message + "; retry after " + seconds + " s.", seconds);
    }

    /**
     * @param burst tokens available at once
     * @param perSecond tokens added back each second
     */
    public record Limit(int burst, double perSecond) {
        public Limit {
            if (burst < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("burst must be >= 1 and perSecond > 0");
            }
        }
    }

    /** A classic token bucket; synchronized because contention on one bucket is short. */
    static final class TokenBucket {
        private final Limit limit;
        private double tokens;
        private long lastRefill;

        TokenBucket(Limit limit, long now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.lastRefill = now;
        }

        /** 0 when a token was taken; otherwise the milliseconds until one will be there. */
        synchronized long tryTake(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - lastRefill) / 1000.0 * limit.perSecond());
            lastRefill = Math.max(lastRefill, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / limit.perSecond() * 1000);
        }
    }
}

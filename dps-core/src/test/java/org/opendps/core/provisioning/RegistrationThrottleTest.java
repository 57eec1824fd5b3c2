package org.opendps.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

class RegistrationThrottleTest {
    private final SettableClock clock = new SettableClock();

    @Test
    void a_device_gets_its_burst_then_429_with_the_seconds_until_the_next_token() {
        RegistrationThrottle throttle = new RegistrationThrottle(new RegistrationThrottle.Limit(100, 100),
                new RegistrationThrottle.Limit(2, 0.5), clock);
        throttle.acquire("dev-1");
        throttle.acquire("DEV-1");

        assertThatThrownBy(() -> throttle.acquire("dev-1")).isInstanceOfSatisfying(DpsException.class, e -> {
            assertThat(e.error()).isEqualTo(DpsError.THROTTLED);
            assertThat(e.retryAfterSeconds()).isEqualTo(2);
        });
        throttle.acquire("dev-2"); // another device is not held back
        clock.advance(2000);
        throttle.acquire("dev-1");
    }

    @Test
    void the_instance_limit_holds_back_every_device() {
        RegistrationThrottle throttle = new RegistrationThrottle(new RegistrationThrottle.Limit(3, 1),
                new RegistrationThrottle.Limit(100, 100), clock);
        throttle.acquire("a");
        throttle.acquire("b");
        throttle.acquire("c");

        assertThatThrownBy(() -> throttle.acquire("d")).isInstanceOfSatisfying(DpsException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        clock.advance(1000);
        throttle.acquire("d");
    }

    @Test
    void tokens_refill_up_to_the_burst_only() {
        RegistrationThrottle throttle = new RegistrationThrottle(new RegistrationThrottle.Limit(100, 100),
                new RegistrationThrottle.Limit(1, 1), clock);
        clock.advance(60_000);
        throttle.acquire("dev");
        assertThatThrownBy(() -> throttle.acquire("dev")).isInstanceOf(DpsException.class);
    }

    private static final class SettableClock extends Clock {
        private long millis = 1_000_000;

        void advance(long delta) {
            millis += delta;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}

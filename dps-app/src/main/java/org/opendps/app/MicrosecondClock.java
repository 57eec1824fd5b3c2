package org.opendps.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The system UTC clock truncated to microseconds, the precision the stores keep, so that what a write returns
 * equals what a later read gets. {@code Clock.tick} with a sub-millisecond tick would do the same, but its
 * {@code millis()} divides by zero on JDK 17.
 */
final class MicrosecondClock extends Clock {
    static final MicrosecondClock UTC = new MicrosecondClock();

    private MicrosecondClock() {}

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("OpenDPS keeps time in UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}

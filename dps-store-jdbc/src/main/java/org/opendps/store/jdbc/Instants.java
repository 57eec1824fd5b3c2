package org.opendps.store.jdbc;

import java.time.Instant;

/**
 * Instants as stored: microseconds since the epoch in a BIGINT. Microseconds because that is what PostgreSQL
 * keeps of a timestamp and what any clock OpenDPS runs on offers; a BIGINT because it sorts, compares and
 * survives either database unchanged, and still reaches year 294,000 (certificates may say 9999-12-31).
 * Nanoseconds below the microsecond are dropped (rounded down), the same way on every write.
 */
final class Instants {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Instants() {}

    static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND),
                instant.getNano() / 1_000);
    }

    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }
}

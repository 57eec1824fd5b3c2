package org.opendps.store.jdbc;

import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The named values of one statement, each with its SQL type: PostgreSQL needs the type of a null, and every
 * instant goes through {@link Instants} so that both databases store the same form.
 */
final class Params {
    record Value(Object value, int sqlType) {}

    private final Map<String, Value> values = new LinkedHashMap<>();

    Params text(String name, String value) {
        return put(name, value, Types.VARCHAR);
    }

    Params bigint(String name, Long value) {
        return put(name, value, Types.BIGINT);
    }

    Params integer(String name, Integer value) {
        return put(name, value, Types.INTEGER);
    }

    Params bool(String name, boolean value) {
        return put(name, value, Types.BOOLEAN);
    }

    Params instant(String name, Instant value) {
        return bigint(name, value == null ? null : Instants.toMicros(value));
    }

    Value get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Set<String> names() {
        return values.keySet();
    }

    private Params put(String name, Object value, int sqlType) {
        if (values.putIfAbsent(name, new Value(value, sqlType)) != null) {
            throw new IllegalStateException("parameter :" + name + " is bound twice");
        }
        return this;
    }
}

package org.opendps.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Named SQL statements read from resources next to this class, Hono style: {@code name.sql} holds what both
 * databases accept, and {@code name.sqlite.sql} or {@code name.postgresql.sql}, when present, replaces single
 * statements for one dialect. A statement starts at a {@code -- name: key} line and runs to the next; other
 * {@code --} lines are comments.
 */
final class SqlStatements {
    private static final String NAME_MARKER = "-- name:";

    private final String resource;
    private final Map<String, String> statements;

    private SqlStatements(String resource, Map<String, String> statements) {
        this.resource = resource;
        this.statements = Map.copyOf(statements);
    }

    static SqlStatements load(String name, Dialect dialect) {
        Map<String, String> statements = new LinkedHashMap<>();
        String base = name + ".sql";
        String text = read(base).orElseThrow(() -> new IllegalStateException("missing SQL resource " + base));
        statements.putAll(parse(text));
        read(name + "." + dialect.resourceName() + ".sql").ifPresent(override -> statements.putAll(parse(override)));
        return new SqlStatements(base, statements);
    }

    String get(String key) {
        String sql = statements.get(key);
        if (sql == null) {
            throw new IllegalStateException("no statement '" + key + "' in " + resource);
        }
        return sql;
    }

    Optional<String> find(String key) {
        return Optional.ofNullable(statements.get(key));
    }

    static Map<String, String> parse(String text) {
        Map<String, String> statements = new LinkedHashMap<>();
        String key = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(NAME_MARKER)) {
                put(statements, key, sql);
                key = trimmed.substring(NAME_MARKER.length()).strip();
                sql.setLength(0);
            } else if (key != null && !trimmed.startsWith("--") && !trimmed.isEmpty()) {
                sql.append(sql.length() == 0 ? "" : " ").append(trimmed);
            }
        }
        put(statements, key, sql);
        return statements;
    }

    private static void put(Map<String, String> statements, String key, StringBuilder sql) {
        if (key != null) {
            String statement = sql.toString().strip();
            statements.put(key, statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement);
        }
    }

    private static Optional<String> read(String resource) {
        try (InputStream in = SqlStatements.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL resource " + resource, e);
        }
    }
}

package org.opendps.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SQL with {@code :name} parameters turned into JDBC's {@code ?}. Binding insists that the statement and the
 * parameters name exactly the same values, so that a column added to one side only fails the first test, not
 * silently stores a null.
 */
final class NamedStatement {
    private final String jdbcSql;
    private final List<String> names;

    private NamedStatement(String jdbcSql, List<String> names) {
        this.jdbcSql = jdbcSql;
        this.names = List.copyOf(names);
    }

    static NamedStatement parse(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            boolean parameter = !quoted && c == ':' && i + 1 < sql.length() && isNameStart(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':');
            if (!parameter) {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < sql.length() && isNamePart(sql.charAt(end))) {
                end++;
            }
            names.add(sql.substring(i + 1, end));
            out.append('?');
            i = end - 1;
        }
        return new NamedStatement(out.toString(), names);
    }

    String jdbcSql() {
        return jdbcSql;
    }

    void bind(PreparedStatement statement, Params params) throws SQLException {
        Set<String> unused = new HashSet<>(params.names());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Params.Value value = params.get(name);
            if (value == null) {
                throw new IllegalStateException("parameter :" + name + " is not bound in: " + jdbcSql);
            }
            unused.remove(name);
            if (value.value() == null) {
                statement.setNull(i + 1, value.sqlType());
            } else {
                statement.setObject(i + 1, value.value(), value.sqlType());
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalStateException("parameters " + unused + " are not used by: " + jdbcSql);
        }
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}

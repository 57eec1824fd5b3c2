package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.opendps.core.enrollment.JsonText;

/** Reading the column forms the stores share: nullable numbers, instants, wire-named enums, JSON, lists. */
final class Columns {
    private Columns() {}

    static Instant instant(ResultSet row, String column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? null : Instants.fromMicros(micros);
    }

    static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    static JsonText json(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : new JsonText(text);
    }

    static String json(JsonText json) {
        return json == null ? null : json.json();
    }

    /** An enum stored by its wire name; null stays null, an unknown name means the row is damaged. */
    static <E> E wireEnum(ResultSet row, String column, Function<String, Optional<E>> fromWireName)
            throws SQLException {
        String name = row.getString(column);
        if (name == null) {
            return null;
        }
        return fromWireName.apply(name).orElseThrow(() -> new StoreException(
                "Column " + column + " holds '" + name + "', which this version of OpenDPS does not know."));
    }

    /** Host names cannot hold a line break, so a list of them is stored one per line; empty is NULL. */
    static String lines(List<String> values) {
        return values.isEmpty() ? null : String.join("\n", values);
    }

    static List<String> lines(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}

package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.Versioned;
import org.opendps.core.query.Filter;
import org.opendps.core.store.VersionedStore;

/**
 * What the versioned tables have in common: the lower-cased {@code id_key}, the id as created, {@code version},
 * {@code created_at} and {@code updated_at}, and every statement over them (statements in {@code versioned.sql},
 * filter expressions in {@code <table>.sql}). A subclass maps the remaining columns of its table.
 */
abstract class JdbcVersionedStore<T extends Versioned<T>> implements VersionedStore<T> {
    private final Database database;
    private final String table;
    private final String idColumn;
    private final SqlStatements filters;
    private final String find;
    private final String insert;
    private final String replace;
    private final String delete;
    private final String deleteAny;
    private final String query;
    private final String count;
    /** Null unless the table's writes are counted in {@code change_counter}. */
    private final String countChange;
    private final String changeCount;

    /**
     * @param fieldColumns the columns {@link #bindFields} binds, beyond the common ones
     */
    protected JdbcVersionedStore(Database database, String table, String idColumn, List<String> fieldColumns) {
        this(database, table, idColumn, fieldColumns, false);
    }

    /**
     * @param countsChanges whether every write also counts in {@code change_counter}, for {@link #changeCount}:
     *     for the tables nodes cache from
     */
    protected JdbcVersionedStore(Database database, String table, String idColumn, List<String> fieldColumns,
            boolean countsChanges) {
        this.database = database;
        this.table = table;
        this.idColumn = idColumn;
        this.filters = SqlStatements.load(table, database.dialect());
        SqlStatements sql = SqlStatements.load("versioned", database.dialect());
        List<String> columns = new ArrayList<>(List.of("id_key", idColumn, "version", "created_at", "updated_at"));
        columns.addAll(fieldColumns);
        List<String> changed = new ArrayList<>(List.of("version", "updated_at"));
        changed.addAll(fieldColumns);
        this.find = fill(sql.get("find"));
        this.insert = fill(sql.get("insert"))
                .replace("{columns}", String.join(", ", columns))
                .replace("{values}", columns.stream().map(c -> ":" + c).collect(Collectors.joining(", ")));
        this.replace = fill(sql.get("replace"))
                .replace("{assignments}", changed.stream().map(c -> c + " = :" + c).collect(Collectors.joining(", ")));
        this.delete = fill(sql.get("delete"));
        this.deleteAny = fill(sql.get("delete_any"));
        this.query = fill(sql.get("query"));
        this.count = fill(sql.get("count"));
        this.countChange = countsChanges ? sql.get("count_change") : null;
        this.changeCount = countsChanges ? sql.get("change_count") : null;
    }

    /** Binds every column of {@code fieldColumns}, nulls included. */
    protected abstract void bindFields(T item, Params params);

    /** The item of a row, given its id as created and its revision. */
    protected abstract T read(ResultSet row, String id, Revision revision) throws SQLException;

    @Override
    public Optional<T> find(String id) {
        Params params = new Params().text("id_key", key(Objects.requireNonNull(id, "id")));
        return database.query("read from " + table, find, params, this::readRow).stream().findFirst();
    }

    @Override
    public boolean insert(T item) {
        Revision revision = Objects.requireNonNull(item.revision(), "revision");
        Params params = new Params().text("id_key", key(item.id())).text(idColumn, item.id())
                .bigint("version", revision.version())
                .instant("created_at", revision.created())
                .instant("updated_at", revision.updated());
        bindFields(item, params);
        return write("insert into " + table, insert, params) == 1;
    }

    @Override
    public boolean replace(T item, long expectedVersion) {
        Revision revision = Objects.requireNonNull(item.revision(), "revision");
        Params params = new Params().text("id_key", key(item.id()))
                .bigint("expected_version", expectedVersion)
                .bigint("version", revision.version())
                .instant("updated_at", revision.updated());
        bindFields(item, params);
        return write("replace in " + table, replace, params) == 1;
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        Params params = new Params().text("id_key", key(Objects.requireNonNull(id, "id")));
        if (expectedVersion < 0) {
            return write("delete from " + table, deleteAny, params) > 0;
        }
        params.bigint("expected_version", expectedVersion);
        return write("delete from " + table, delete, params) > 0;
    }

    @Override
    public OptionalLong changeCount() {
        if (changeCount == null) {
            return OptionalLong.empty();
        }
        List<Long> changes = database.query("read the change count of " + table, changeCount,
                new Params().text("table", table), row -> row.getLong(1));
        return changes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(changes.get(0));
    }

    /** A write, counted in the same transaction when this table's writes are counted and it changed a row. */
    private int write(String what, String sql, Params params) {
        if (countChange == null) {
            return database.update(what, sql, params);
        }
        return database.inTransaction(what, transaction -> {
            int changed = transaction.update(sql, params);
            if (changed > 0) {
                transaction.update(countChange, new Params().text("table", table));
            }
            return changed;
        });
    }

    @Override
    public List<T> query(Filter filter, String afterId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        // Every id sorts after the empty string, so the first page needs no statement of its own.
        Params params = new Params().text("after_id", afterId == null ? "" : key(afterId)).integer("limit", limit);
        StringBuilder conditions = new StringBuilder();
        for (int i = 0; i < filter.conditions().size(); i++) {
            Filter.Condition condition = filter.conditions().get(i);
            String expression = filters.find("filter." + condition.field().name()).orElseThrow(
                    () -> new IllegalArgumentException(
                            "A query of " + table + " cannot filter on " + condition.field().wireName() + "."));
            conditions.append(" AND ").append(expression).append(" = :f").append(i);
            params.text("f" + i, condition.value().toLowerCase(Locale.ROOT));
        }
        String sql = query.replace("{conditions}", conditions);
        return database.query("query " + table, sql, params, this::readRow);
    }

    @Override
    public long count() {
        return database.query("count " + table, count, new Params(), row -> row.getLong(1)).get(0);
    }

    /** The lower-cased form ids are matched by, in the key columns and in filters. */
    static String key(String id) {
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }

    private T readRow(ResultSet row) throws SQLException {
        Revision revision = new Revision(row.getLong("version"), Columns.instant(row, "created_at"),
                Columns.instant(row, "updated_at"));
        return read(row, row.getString(idColumn), revision);
    }

    private String fill(String template) {
        return template.replace("{table}", table).replace("{id_column}", idColumn);
    }
}

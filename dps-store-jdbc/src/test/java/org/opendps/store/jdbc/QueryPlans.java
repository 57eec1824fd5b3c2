package org.opendps.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the database would run a statement (EXPLAIN), and what in that plan reads a whole table or sorts: a step
 * whose cost grows with the table rather than with what the statement finds.
 */
final class QueryPlans {
    /** SQLite: SCAN reads a table or a whole index; a temporary B-tree sorts or deduplicates every row found. */
    private static final Pattern SQLITE_FULL_READ = Pattern.compile("^SCAN |TEMP B-TREE");
    private static final Pattern SQLITE_RANGE_ONLY = Pattern.compile("^SEARCH .*\\(([^=()]*[<>][^=()]*)\\)$");
    private static final Pattern SQLITE_MORE_CONDITIONS = Pattern.compile("(?i)\\bWHERE\\b.*\\bAND\\b");
    /** PostgreSQL plan nodes that read relations: each must narrow what it reads with an index condition. */
    private static final Pattern PG_SCAN_NODE = Pattern.compile(
            "(Seq Scan|Index Scan|Index Only Scan|Bitmap Index Scan|Sort)\\b");

    private static final Pattern RANGE = Pattern.compile("[<>]");

    private QueryPlans() {}

    /** The plan's lines. */
    static List<String> explain(Connection connection, Dialect dialect, StatementRecorder.Recorded statement)
            throws SQLException {
        String prefix = dialect == Dialect.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
        List<String> lines = new ArrayList<>();
        if (dialect == Dialect.POSTGRESQL) {
            // Test tables hold a handful of rows, and for those a sequential scan, or a sort of the few rows found,
            // is cheapest whatever the indexes. With both priced out the plan shows whether an index can serve the
            // statement, in order, at all; where none can, the planner still scans or sorts, and that shows.
            connection.setAutoCommit(false);
            try (Statement set = connection.createStatement()) {
                set.execute("SET LOCAL enable_seqscan = off");
                set.execute("SET LOCAL enable_sort = off");
            }
        }
        try (PreparedStatement explain = connection.prepareStatement(prefix + statement.sql())) {
            statement.bind(explain);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(dialect == Dialect.SQLITE ? "detail" : "QUERY PLAN"));
                }
            }
        } finally {
            if (dialect == Dialect.POSTGRESQL) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        return lines;
    }

    /** The steps of a plan that read more than what the statement finds; none for a plan that only searches. */
    static List<String> fullReads(Dialect dialect, String sql, List<String> plan) {
        return dialect == Dialect.SQLITE ? sqliteFullReads(sql, plan) : postgresFullReads(plan);
    }

    /**
     * SQLite names the index terms a SEARCH uses, e.g. {@code (<expr>=? AND id_key>?)}. A search on a range alone,
     * in a statement with more conditions, reads every row of the range and filters them: a full read as well.
     */
    private static List<String> sqliteFullReads(String sql, List<String> plan) {
        boolean moreConditions = SQLITE_MORE_CONDITIONS.matcher(sql).find();
        return plan.stream().filter(line -> SQLITE_FULL_READ.matcher(line).find()
                || moreConditions && SQLITE_RANGE_ONLY.matcher(line).find()).toList();
    }

    /**
     * A node reads too much when it is a sequential scan, a sort, an index scan without an index condition, or a
     * range scan with a filter (rows read from the index, then thrown away). A filter after an equality on a key
     * ({@code version = ?} on the one row of an id) reads nothing more.
     */
    private static List<String> postgresFullReads(List<String> plan) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            String node = plan.get(i);
            var scan = PG_SCAN_NODE.matcher(node);
            boolean isNode = i == 0 || node.contains("->"); // the other lines detail the node above them
            if (!isNode || !scan.find()) {
                continue;
            }
            String kind = scan.group(1);
            if (kind.equals("Seq Scan") || kind.equals("Sort")) {
                problems.add(node.trim());
                continue;
            }
            String indexCondition = null;
            boolean filter = false;
            for (int j = i + 1; j < plan.size() && !plan.get(j).contains("->"); j++) {
                String detail = plan.get(j).trim();
                indexCondition = detail.startsWith("Index Cond:") ? detail : indexCondition;
                filter |= detail.startsWith("Filter:");
            }
            if (indexCondition == null) {
                problems.add(node.trim() + " (no index condition)");
            } else if (filter && RANGE.matcher(indexCondition).find()) {
                problems.add(node.trim() + " (a range read with a filter)");
            }
        }
        return problems;
    }
}

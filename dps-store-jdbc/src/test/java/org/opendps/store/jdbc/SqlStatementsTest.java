package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {
    @Test
    void parse_reads_named_statements_and_skips_comments_and_a_final_semicolon() {
        String text = "-- a header comment\n\n-- name: one\nSELECT 1\n  FROM t -- trailing words stay\n\n"
                + "-- a comment of the next\n-- name: two\nDELETE FROM t;\n";
        assertThat(SqlStatements.parse(text)).containsExactly(
                entry("one", "SELECT 1 FROM t -- trailing words stay"), entry("two", "DELETE FROM t"));
    }

    @Test
    void a_dialect_file_replaces_single_statements_of_the_shared_file() {
        SqlStatements postgres = SqlStatements.load("override-sample", Dialect.POSTGRESQL);
        SqlStatements sqlite = SqlStatements.load("override-sample", Dialect.SQLITE);
        assertThat(postgres.get("shared")).isEqualTo("SELECT 'shared'");
        assertThat(postgres.get("special")).isEqualTo("SELECT 'postgresql'");
        assertThat(sqlite.get("special")).isEqualTo("SELECT 'default'");
    }
}

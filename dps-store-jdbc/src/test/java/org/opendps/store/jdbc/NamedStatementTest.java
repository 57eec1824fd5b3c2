package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

class NamedStatementTest {
    @Test
    void parse_turns_names_into_placeholders_but_leaves_quotes_and_casts_alone() {
        NamedStatement statement = NamedStatement.parse(
                "SELECT ':not_a_name', x::text FROM t WHERE a = :first AND b = :second_2");
        assertThat(statement.jdbcSql()).isEqualTo("SELECT ':not_a_name', x::text FROM t WHERE a = ? AND b = ?");
    }

    @Test
    void bind_fails_when_a_parameter_is_missing_or_unused() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            NamedStatement statement = NamedStatement.parse("SELECT :a, :b");
            try (PreparedStatement prepared = connection.prepareStatement(statement.jdbcSql())) {
                assertThatThrownBy(() -> statement.bind(prepared, new Params().text("a", "1")))
                        .hasMessageContaining(":b");
                assertThatThrownBy(() -> statement.bind(prepared,
                        new Params().text("a", "1").text("b", "2").text("c", "3")))
                        .hasMessageContaining("[c]");
            }
        }
    }
}

package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void redact_hides_a_password_parameter_in_any_case_and_position() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/dps?user=u&Password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/dps?user=u&Password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/dps?password=s3cret"))
                .isEqualTo("jdbc:postgresql://db/dps?password=***");
    }

    @Test
    void redact_hides_a_password_in_user_info() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://dps:s3cret@db:5432/dps"))
                .isEqualTo("jdbc:postgresql://dps:***@db:5432/dps");
    }

    @Test
    void redact_leaves_a_url_without_password_alone() {
        assertThat(JdbcUrls.redact("jdbc:sqlite:/var/lib/opendps/opendps.db"))
                .isEqualTo("jdbc:sqlite:/var/lib/opendps/opendps.db");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/dps?user=dps"))
                .isEqualTo("jdbc:postgresql://db:5432/dps?user=dps");
    }

    @Test
    void firstSentence_keeps_the_first_sentence_of_the_first_line() {
        assertThat(JdbcUrls.firstSentence(new SQLException("Connection to 127.0.0.1:1 refused. Check that the "
                + "hostname and port are correct.")))
                .isEqualTo("Connection to 127.0.0.1:1 refused");
        assertThat(JdbcUrls.firstSentence(new SQLException("ERROR: null value in column \"k\"\n  Detail: Failing "
                + "row contains (secret).")))
                .isEqualTo("ERROR: null value in column \"k\"");
    }

    @Test
    void firstSentence_falls_back_to_the_cause_or_the_class_name() {
        assertThat(JdbcUrls.firstSentence(new RuntimeException(null, new SQLException("disk I/O error."))))
                .isEqualTo("disk I/O error");
        assertThat(JdbcUrls.firstSentence(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}

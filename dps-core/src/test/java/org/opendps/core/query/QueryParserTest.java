package org.opendps.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

class QueryParserTest {
    private static final Set<FilterField> FIELDS = EnumSet.of(FilterField.REGISTRATION_ID,
            FilterField.PROVISIONING_STATUS, FilterField.ATTESTATION_TYPE);

    @ParameterizedTest
    @ValueSource(strings = {"select * from enrollments", "SELECT *", "SELECT * FROM enrollmentGroups",
            "  Select  *  From  deviceRegistrations  "})
    void select_star_in_every_client_form_matches_everything(String query) {
        assertThat(QueryParser.parse(query, FIELDS).conditions()).isEmpty();
    }

    @Test
    void where_with_and_gives_equality_conditions() {
        Filter filter = QueryParser.parse(
                "SELECT * FROM enrollments WHERE provisioningStatus = 'disabled' AND attestation.type = \"tpm\"", FIELDS);
        assertThat(filter.conditions()).containsExactly(
                new Filter.Condition(FilterField.PROVISIONING_STATUS, "disabled"),
                new Filter.Condition(FilterField.ATTESTATION_TYPE, "tpm"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "DELETE FROM enrollments", "SELECT", "SELECT * WHERE", "SELECT * WHERE secret = 'x'",
            "SELECT * WHERE registrationId 'x'", "SELECT * WHERE registrationId = 'x", "SELECT * FROM x; DROP",
            "SELECT * WHERE registrationId = 'a' OR 1=1"})
    void malformed_or_unsupported_queries_are_refused(String query) {
        assertThatThrownBy(() -> QueryParser.parse(query, FIELDS)).isInstanceOfSatisfying(DpsException.class,
                e -> assertThat(e.error()).isEqualTo(DpsError.INVALID_QUERY));
    }

    @Test
    void a_field_outside_the_allowed_set_is_refused_naming_the_allowed_ones() {
        assertThatThrownBy(() -> QueryParser.parse("SELECT * WHERE deviceId = 'x'", FIELDS))
                .hasMessageContaining("deviceId").hasMessageContaining("registrationId");
        assertThat(List.of(FilterField.values())).contains(FilterField.DEVICE_ID);
    }
}

package org.opendps.server.http.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendps.core.audit.AuditEntry;
import org.opendps.core.audit.AuditEvent;
import org.opendps.core.audit.AuditLog;
import org.opendps.core.audit.AuditStore;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;

class AuditTrailTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String KEY = SharedAccessSignatures.generateKey();
    private static final String TOKEN = SharedAccessSignatures.createToken("localhost", "admin", KEY,
            NOW.getEpochSecond() + 3600);

    private final List<AuditEvent> events = new ArrayList<>();
    private final AuditTrail trail = new AuditTrail(new AuditLog(new AuditStore() {
        @Override
        public void append(AuditEvent event) {
            events.add(event);
        }

        @Override
        public List<AuditEntry> list(Long beforeSequence, int limit) {
            return List.of();
        }
    }, Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void a_change_is_recorded_with_policy_operation_resource_time_and_status_but_no_secret() {
        RouteTable.Handler handler = trail.decorate("PUT", "/enrollments/{id}", request -> ApiResponse.ok(new byte[0]));

        handler.handle(request("PUT", "/enrollments/dev-1", "api-version=2021-10-01"));

        assertThat(events).containsExactly(new AuditEvent(NOW, "admin", "PUT /enrollments/{id}",
                "/enrollments/dev-1?api-version=2021-10-01", 200, null));
        assertThat(events.toString()).doesNotContain(KEY).doesNotContain(TOKEN).doesNotContain("sig=");
    }

    @Test
    void a_refusal_after_authentication_is_recorded_with_its_error_code_and_passes_through() {
        RouteTable.Handler handler = trail.decorate("DELETE", "/policies/{name}", request -> {
            throw new DpsException(DpsError.INSUFFICIENT_RIGHTS, "no");
        });

        assertThatThrownBy(() -> handler.handle(request("DELETE", "/policies/x", null)))
                .isInstanceOf(DpsException.class);

        assertThat(events).containsExactly(
                new AuditEvent(NOW, "admin", "DELETE /policies/{name}", "/policies/x", 401, 401004));
    }

    @Test
    void calls_with_a_token_that_failed_are_not_recorded() {
        for (DpsError error : List.of(DpsError.UNAUTHORIZED, DpsError.INVALID_TOKEN, DpsError.TOKEN_EXPIRED)) {
            RouteTable.Handler handler = trail.decorate("PUT", "/policies/{name}", request -> {
                throw new DpsException(error, "no");
            });
            assertThatThrownBy(() -> handler.handle(request("PUT", "/policies/x", null)));
        }

        assertThat(events).isEmpty();
    }

    @Test
    void reads_and_queries_are_not_recorded_changes_are() {
        assertThat(AuditTrail.changes("GET", "/enrollments/{id}")).isFalse();
        assertThat(AuditTrail.changes("POST", "/enrollments/query")).isFalse();
        assertThat(AuditTrail.changes("POST", "/registrations/{groupId}/query")).isFalse();
        assertThat(AuditTrail.changes("POST", "/enrollments/{id}/attestationmechanism")).isFalse();
        assertThat(AuditTrail.changes("POST", "/enrollments")).isTrue();
        assertThat(AuditTrail.changes("POST", "/certificates/{name}/verify")).isTrue();
        assertThat(AuditTrail.changes("POST", "/registrations/{id}/deprovision")).isTrue();
        assertThat(AuditTrail.changes("DELETE", "/registrations/{id}")).isTrue();
        assertThat(AuditTrail.changes("PUT", "/properties")).isTrue();
    }

    private static ApiRequest request(String method, String path, String query) {
        Map<String, String> headers = Map.of("authorization", TOKEN);
        return new ApiRequest(method, path, List.of(), name -> headers.get(name.toLowerCase()), new byte[0], query);
    }
}

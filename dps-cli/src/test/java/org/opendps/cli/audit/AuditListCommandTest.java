package org.opendps.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendps.cli.Cli;
import org.opendps.cli.StubServiceApi;
import org.opendps.core.audit.AuditEntry;
import org.opendps.core.audit.AuditEvent;
import org.opendps.wire.json.AuditJson;

/** The HTTP conversation of {@code audit list}, against a stub of the service API. */
class AuditListCommandTest {
    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

    private StubServiceApi stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServiceApi();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void list_asks_for_a_page_and_prints_who_what_when_and_outcome() {
        stub.answer(200, new String(AuditJson.writeList(List.of(
                new AuditEntry(8, new AuditEvent(AT, "reader", "DELETE /enrollments/{id}", "/enrollments/dev-1",
                        401, 401004)),
                new AuditEntry(7, new AuditEvent(AT, "provisioningserviceowner", "PUT /enrollments/{id}",
                        "/enrollments/dev-1", 200, null)))), StandardCharsets.UTF_8));

        Cli.Result result = Cli.run(stub.args("audit", "list", "--top", "2", "--before", "9"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        StubServiceApi.Request get = stub.requests().get(0);
        assertThat(get.method() + " " + get.path()).isEqualTo("GET /auditLog");
        assertThat(get.query()).contains("top=2").contains("before=9");
        assertThat(result.out()).contains("SEQ").contains("reader").contains("DELETE /enrollments/{id}")
                .contains("401 (401004)").contains("provisioningserviceowner").contains("2026-11-25T12:00:00Z");
    }

    @Test
    void an_empty_log_says_so() {
        stub.answer(200, "{\"value\":[]}");

        Cli.Result result = Cli.run(stub.args("audit", "list"));

        assertThat(result.out()).contains("No audit entries.");
    }
}

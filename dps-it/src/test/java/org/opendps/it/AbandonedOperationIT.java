package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * Issue #9: an operation a dead node left {@code assigning} (a row the test writes as that node would have) ends
 * for a device that only polls it: {@code failed} with 503001 so that it registers again, then, once it has, the
 * state that registration wrote. One that was marked recently is still {@code assigning}.
 */
class AbandonedOperationIT {
    private static final String DEVICE = "polling-device";

    @TempDir
    Path temp;

    @Test
    void a_poll_of_an_abandoned_operation_says_register_again_then_answers_the_state_written_since() throws Exception {
        String url = "jdbc:sqlite:" + temp.resolve("dps.db");
        try (TestServer server = TestServer.start(temp.resolve("node"), url)) {
            String key = SharedAccessSignatures.generateKey();
            HttpResponse<String> enrollment = server.sendAsOwner("PUT", "/enrollments/" + DEVICE
                    + "?api-version=2021-10-01", "{\"registrationId\":\"" + DEVICE + "\",\"attestation\":{\"type\":"
                    + "\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + key + "\",\"secondaryKey\":\"" + key
                    + "\"}}}");
            assertThat(enrollment.statusCode()).as(enrollment.body()).isEqualTo(200);
            DeviceCalls device = new DeviceCalls(server);
            String token = device.token(DEVICE, key);
            Instant now = Instant.now();
            leftAssigning(url, "dead-node-op", now.minus(Duration.ofMinutes(10)));
            leftAssigning(url, "live-node-op", now.minus(Duration.ofMinutes(1)));

            HttpResponse<String> live = device.poll(DEVICE, "live-node-op", token);
            assertThat(live.statusCode()).as(live.body()).isEqualTo(202);
            assertThat(DeviceCalls.json(live.body()).path("status").asText()).isEqualTo("assigning");

            HttpResponse<String> abandoned = device.poll(DEVICE, "dead-node-op", token);
            assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(200);
            JsonNode failed = DeviceCalls.json(abandoned.body());
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.at("/registrationState/errorCode").asInt()).isEqualTo(503001);

            JsonNode registered = device.register(DEVICE, key, null);
            assertThat(registered.path("status").asText()).isEqualTo("assigned");
            JsonNode since = DeviceCalls.json(device.poll(DEVICE, "dead-node-op", token).body());
            assertThat(since.path("status").asText()).isEqualTo("assigned");
            assertThat(since.at("/registrationState/deviceId").asText())
                    .isEqualTo(registered.at("/registrationState/deviceId").asText());
        }
    }

    /** The row a node writes when it starts an operation, last marked {@code marked}; the node then died. */
    private static void leftAssigning(String url, String operationId, Instant marked) throws Exception {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, marked);
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO registration_operation "
                        + "(operation_id, registration_id, registration_id_key, status, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 'assigning', ?, ?)")) {
            insert.setString(1, operationId);
            insert.setString(2, DEVICE);
            insert.setString(3, DEVICE);
            insert.setLong(4, micros);
            insert.setLong(5, micros);
            insert.executeUpdate();
        }
    }
}

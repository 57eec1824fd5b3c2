package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * Issue #9's security points that a running server must keep, each tried against it over HTTPS: SAS expiry with its
 * 30 s clock skew, device tokens bound to one registration ID, ID scope and group, service and device tokens kept
 * apart, rotated keys ending old tokens, and owner-only data files. (Polling another device's operation:
 * {@code RegistrationScenariosIT}; constant-time comparison: {@code ArchitectureTest}; TLS: {@code TlsIT}; logs:
 * {@code SecretsNotLoggedIT}.)
 */
class SecurityIT {
    private static final String API = "?api-version=2021-10-01";
    /** Well inside and well outside the 30 s allowance, so that a slow machine cannot flip the result. */
    private static final int JUST_INSIDE = 25;
    private static final int JUST_OUTSIDE = 35;

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static DeviceCalls device;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.withHubs(dataDir, "hub-sec.example.com");
        device = new DeviceCalls(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_device_token_expired_within_the_clock_skew_passes_and_beyond_it_fails() throws Exception {
        String key = enroll("skew-dev");
        String sr = server.info().idScope() + "/registrations/skew-dev";

        HttpResponse<String> outside = device.put("skew-dev",
                DeviceCalls.token(sr, key, Instant.now().minusSeconds(JUST_OUTSIDE)), null);
        HttpResponse<String> inside = device.put("skew-dev",
                DeviceCalls.token(sr, key, Instant.now().minusSeconds(JUST_INSIDE)), null);

        assertThat(outside.statusCode()).isEqualTo(401);
        assertThat(outside.body()).contains("401002").contains("expired");
        assertThat(inside.statusCode()).as(inside.body()).isIn(200, 202);
    }

    @Test
    void a_service_token_expired_within_the_clock_skew_passes_and_beyond_it_fails() throws Exception {
        String keyName = server.owner().keyName();
        String key = server.owner().key();

        HttpResponse<String> outside = server.send("GET", "/policies" + API, null,
                server.token(keyName, key, Instant.now().minusSeconds(JUST_OUTSIDE)));
        HttpResponse<String> inside = server.send("GET", "/policies" + API, null,
                server.token(keyName, key, Instant.now().minusSeconds(JUST_INSIDE)));

        assertThat(outside.statusCode()).isEqualTo(401);
        assertThat(outside.body()).contains("401003");
        assertThat(inside.statusCode()).isEqualTo(200);
    }

    @Test
    void a_device_token_never_works_for_another_registration_id_or_id_scope() throws Exception {
        String keyA = enroll("bound-a");
        enroll("bound-b");
        String otherScope = "0ne00FFFFFF".equalsIgnoreCase(server.info().idScope()) ? "0ne00EEEEEE" : "0ne00FFFFFF";

        HttpResponse<String> otherId = device.put("bound-b", device.token("bound-a", keyA), null);
        HttpResponse<String> otherIdSignedForIt = device.put("bound-b", device.token("bound-b", keyA), null);
        HttpResponse<String> otherScopeToken = device.put("bound-a",
                DeviceCalls.token(otherScope + "/registrations/bound-a", keyA, Instant.now().plusSeconds(600)), null);

        assertThat(List.of(otherId, otherIdSignedForIt, otherScopeToken)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("401002");
        });
        assertThat(device.register("bound-a", keyA, null).path("status").asText()).isEqualTo("assigned");
    }

    @Test
    void a_group_members_key_never_works_through_another_group() throws Exception {
        String lineOne = group("line-1");
        group("line-2");
        String memberKey = SharedAccessSignatures.hmac(lineOne, "member-of-1");
        assertThat(device.register("member-of-1", memberKey, null).path("status").asText()).isEqualTo("assigned");

        expect(server.sendAsOwner("DELETE", "/enrollmentGroups/line-1" + API, null), 204);
        HttpResponse<String> throughLineTwo = device.put("member-of-1", device.token("member-of-1", memberKey), null);

        assertThat(throughLineTwo.statusCode()).isEqualTo(401);
        assertThat(throughLineTwo.body()).contains("401002");
    }

    @Test
    void service_tokens_never_work_on_the_device_api_and_device_tokens_never_on_the_service_api() throws Exception {
        String key = enroll("apart-dev");

        HttpResponse<String> ownerOnDevice = device.put("apart-dev", server.ownerToken(), null);
        HttpResponse<String> deviceOnService = server.send("GET", "/enrollments/apart-dev" + API, null,
                device.token("apart-dev", key));
        HttpResponse<String> enrollmentKeyAsPolicy = server.send("GET", "/enrollments/apart-dev" + API, null,
                server.token(server.owner().keyName(), key, Instant.now().plusSeconds(600)));

        assertThat(ownerOnDevice.statusCode()).isEqualTo(401);
        assertThat(ownerOnDevice.body()).contains("401002");
        assertThat(deviceOnService.statusCode()).isEqualTo(401);
        assertThat(enrollmentKeyAsPolicy.statusCode()).isEqualTo(401);
        assertThat(enrollmentKeyAsPolicy.body()).contains("401001");
    }

    @Test
    void rotating_an_individual_enrollments_keys_ends_tokens_made_with_the_old_ones() throws Exception {
        String old = enroll("rotated-dev");
        String oldToken = device.token("rotated-dev", old);
        assertThat(device.register("rotated-dev", old, null).path("status").asText()).isEqualTo("assigned");

        String fresh = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/enrollments/rotated-dev" + API, enrollment("rotated-dev", fresh),
                "If-Match", "*"), 200);

        assertThat(device.put("rotated-dev", oldToken, null).statusCode()).isEqualTo(401);
        assertThat(device.register("rotated-dev", fresh, null).path("status").asText()).isEqualTo("assigned");
    }

    @Test
    void rotating_a_groups_keys_ends_tokens_made_with_keys_derived_from_the_old_ones() throws Exception {
        String old = group("rotated-line");
        String oldToken = device.token("rotated-member", SharedAccessSignatures.hmac(old, "rotated-member"));
        assertThat(device.put("rotated-member", oldToken, null).statusCode()).isIn(200, 202);

        String fresh = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/enrollmentGroups/rotated-line" + API, "{\"enrollmentGroupId\":"
                + "\"rotated-line\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\""
                + fresh + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey() + "\"}}}", "If-Match",
                "*"), 200);

        assertThat(device.put("rotated-member", oldToken, null).statusCode()).isEqualTo(401);
        assertThat(device.register("rotated-member", SharedAccessSignatures.hmac(fresh, "rotated-member"), null)
                .path("status").asText()).isEqualTo("assigned");
    }

    @Test
    void the_data_directory_is_0700_and_every_file_with_a_secret_0600() throws IOException {
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(dataDir.resolve("opendps.db")).exists();
        assertThat(dataDir.resolve("connection-info.json")).exists();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                boolean publicCertificate = name.endsWith(".pem")
                        && !Files.readString(file, StandardCharsets.US_ASCII).contains("PRIVATE KEY");
                if (!publicCertificate) {
                    assertThat(Files.getPosixFilePermissions(file)).as(name)
                            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }

    private static String enroll(String registrationId) throws Exception {
        String key = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/enrollments/" + registrationId + API, enrollment(registrationId, key)),
                200);
        return key;
    }

    private static String enrollment(String registrationId, String key) {
        return "{\"registrationId\":\"" + registrationId + "\",\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + key + "\",\"secondaryKey\":\""
                + SharedAccessSignatures.generateKey() + "\"}}}";
    }

    private static String group(String groupId) throws Exception {
        String key = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/enrollmentGroups/" + groupId + API, "{\"enrollmentGroupId\":\"" + groupId
                + "\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + key
                + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey() + "\"}}}"), 200);
        return key;
    }

    private static String expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }
}

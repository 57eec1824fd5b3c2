package org.opendps.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * A device that speaks the DPS HTTPS API the way the SDKs do: PUT register, then poll the operation with the
 * same token, honouring Retry-After. Raw requests, so that tests control every field.
 */
final class DeviceCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "?api-version=2019-03-31";

    private final TestServer server;

    DeviceCalls(TestServer server) {
        this.server = server;
    }

    /** A token as the Java SDK makes it: sr raw, signed over the raw form. */
    String token(String registrationId, String deviceKey) {
        return token(server.info().idScope() + "/registrations/" + registrationId, deviceKey,
                Instant.now().plusSeconds(3600));
    }

    /** A token for any resource ({@code sr}) and expiry, signed as the Java SDK signs. */
    static String token(String sr, String deviceKey, Instant expiry) {
        long se = expiry.getEpochSecond();
        String sig = java.net.URLEncoder.encode(SharedAccessSignatures.hmac(deviceKey, sr + "\n" + se),
                java.nio.charset.StandardCharsets.UTF_8);
        return "SharedAccessSignature sr=" + sr + "&sig=" + sig + "&se=" + se + "&skn=registration";
    }

    HttpResponse<String> put(String registrationId, String token, String payloadJson)
            throws IOException, InterruptedException {
        String body = "{\"registrationId\":\"" + registrationId + "\""
                + (payloadJson == null ? "" : ",\"payload\":" + payloadJson) + "}";
        return server.send("PUT", path(registrationId) + "/register" + API, body, token);
    }

    HttpResponse<String> poll(String registrationId, String operationId, String token)
            throws IOException, InterruptedException {
        return server.send("GET", path(registrationId) + "/operations/" + operationId + API, null, token);
    }

    /** Registers and polls until a final status; the last answer's JSON. */
    JsonNode register(String registrationId, String deviceKey, String payloadJson) throws Exception {
        String token = token(registrationId, deviceKey);
        HttpResponse<String> response = put(registrationId, token, payloadJson);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (response.statusCode() == 202 && System.nanoTime() < deadline) {
            long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Math.min(wait, 2) * 1000);
            response = poll(registrationId, JSON.readTree(response.body()).path("operationId").asText(), token);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("registration answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private String path(String registrationId) {
        return "/" + server.info().idScope() + "/registrations/" + registrationId;
    }
}

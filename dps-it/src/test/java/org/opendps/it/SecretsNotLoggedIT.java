package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.wire.ConnectionInfo;
import org.slf4j.LoggerFactory;

/**
 * A full scenario at DEBUG, every logger of the JVM captured from the server's start to its stop, and not one key,
 * token, signature or connection string it used in any line or stack trace.
 */
class SecretsNotLoggedIT {
    private static final String API = "?api-version=2021-10-01";

    @TempDir
    Path dataDir;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final List<String> secrets = new ArrayList<>();
    private Logger root;
    private Level rootLevel;
    private Level opendpsLevel;

    @BeforeEach
    void captureEverything() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        opendpsLevel = context.getLogger("org.opendps").getLevel();
        root.setLevel(Level.DEBUG);
        context.getLogger("org.opendps").setLevel(Level.DEBUG);
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(captured);
        root.setLevel(rootLevel);
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.opendps").setLevel(opendpsLevel);
    }

    @Test
    void no_key_token_or_connection_string_reaches_any_log_line() throws Exception {
        try (TestServer server = TestServer.startWithBuiltInHubs(dataDir)) {
            ConnectionInfo info = server.info();
            secret(info.serviceConnectionString());
            secret(server.owner().key());
            info.hubs().forEach(hub -> secret(hub.connectionString()));
            DeviceCalls device = new DeviceCalls(server);

            String policyKey = secret(SharedAccessSignatures.generateKey());
            call(server.sendAsOwner("PUT", "/policies/logged-reader" + API, "{\"keyName\":\"logged-reader\","
                    + "\"primaryKey\":\"" + policyKey + "\",\"rights\":\"EnrollmentRead\"}"));
            String hubKey = secret(SharedAccessSignatures.generateKey());
            call(server.sendAsOwner("PUT", "/linkedHubs/unused-hub.example.com" + API, "{\"connectionString\":\""
                    + secret("HostName=unused-hub.example.com;SharedAccessKeyName=iothubowner;SharedAccessKey="
                    + hubKey) + "\",\"applyAllocationPolicy\":false}"));
            String deviceKey = secret(SharedAccessSignatures.generateKey());
            call(server.sendAsOwner("PUT", "/enrollments/logged-dev" + API, "{\"registrationId\":\"logged-dev\","
                    + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + deviceKey
                    + "\",\"secondaryKey\":\"" + secret(SharedAccessSignatures.generateKey()) + "\"}}}"));
            String groupKey = secret(SharedAccessSignatures.generateKey());
            call(server.sendAsOwner("PUT", "/enrollmentGroups/logged-line" + API, "{\"enrollmentGroupId\":"
                    + "\"logged-line\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\""
                    + groupKey + "\",\"secondaryKey\":\"" + secret(SharedAccessSignatures.generateKey()) + "\"}}}"));
            String memberKey = secret(SharedAccessSignatures.hmac(groupKey, "logged-member"));
            call(server.sendAsOwner("POST", "/enrollments/logged-dev/attestationmechanism" + API, null));

            token(device.token("logged-dev", deviceKey));
            device.register("logged-dev", deviceKey, null);
            token(device.token("logged-member", memberKey));
            device.register("logged-member", memberKey, null);
            String wrong = token(device.token("logged-dev", SharedAccessSignatures.generateKey()));
            device.put("logged-dev", wrong, null);
            String expired = token(DeviceCalls.token(info.idScope() + "/registrations/logged-dev", deviceKey,
                    Instant.now().minusSeconds(3600)));
            device.put("logged-dev", expired, null);
            String foreignPolicy = token(server.token("logged-reader", SharedAccessSignatures.generateKey(),
                    Instant.now().plusSeconds(60)));
            server.send("GET", "/enrollments/logged-dev" + API, null, foreignPolicy);
            server.send("GET", "/policies" + API, null, token(server.ownerToken()));
            server.send("GET", "/enrollments/logged-dev" + API, null, "SharedAccessSignature garbage" + secret(
                    SharedAccessSignatures.generateKey()));
        }

        List<String> lines = captured.list.stream().map(SecretsNotLoggedIT::text).toList();
        assertThat(lines).as("captured log lines").hasSizeGreaterThan(20);
        for (String secret : secrets) {
            assertThat(lines).as("log lines holding a secret").noneMatch(line -> line.contains(secret));
        }
    }

    private String secret(String value) {
        secrets.add(value);
        secrets.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        return value;
    }

    /** A token and its signature, in the URL-encoded form sent and the base64 form checked. */
    private String token(String authorization) {
        secret(authorization);
        String sig = authorization.replaceAll(".*[?&\\s]sig=([^&]+).*", "$1");
        secrets.add(sig);
        secrets.add(java.net.URLDecoder.decode(sig, StandardCharsets.UTF_8));
        return authorization;
    }

    private static void call(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String text(ILoggingEvent event) {
        return event.getLoggerName() + " " + event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
}

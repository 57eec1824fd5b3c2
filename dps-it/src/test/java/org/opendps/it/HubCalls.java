package org.opendps.it;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.store.jdbc.JdbcStorage;
import org.opendps.testsupport.net.ConnectProxy;
import org.opendps.testsupport.net.ProxiedJvm;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ServiceConnectionString;

/**
 * Raw requests to a built-in hub's service API, addressed as Azure's clients address a hub: {@code https://{hub}/...}
 * on the default port, so that {@code Host} is the bare hub name. A CONNECT proxy tunnels every such connection to
 * the test server's port, which also reaches a hub such as {@code 127.0.0.2} while the server listens on 127.0.0.1
 * only; TLS runs end to end, so the server certificate must name the hub.
 */
final class HubCalls implements AutoCloseable {
    private final TestServer server;
    private final ConnectProxy proxy;
    private final HttpClient http;

    HubCalls(TestServer server) throws Exception {
        this.server = server;
        this.proxy = new ConnectProxy(server.httpsPort());
        this.http = HttpClient.newBuilder()
                .proxy(ProxySelector.of(proxy.address()))
                .sslContext(ProxiedJvm.trusting(server.caCertificate()))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Sends a JSON request to the hub; {@code token} null sends no Authorization. */
    HttpResponse<String> send(String hub, String method, String path, String body, String token, String... headers)
            throws IOException, InterruptedException {
        return sendBytes(hub, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), token,
                headers);
    }

    /** As {@link #send(String, String, String, String, String, String...)}, for bytes that are not text. */
    HttpResponse<String> sendBytes(String hub, String method, String path, byte[] body, String token,
            String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://" + hub + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json; charset=utf-8");
        if (token != null) {
            request.header("Authorization", token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The owner's request, with the key connection-info.json lists for the hub. */
    HttpResponse<String> owner(String hub, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        return send(hub, method, path, body, token(ownerConnectionString(hub)), headers);
    }

    /** The hub's owner connection string from connection-info.json, as a user would copy it. */
    ServiceConnectionString ownerConnectionString(String hub) {
        ConnectionInfo.Hub listed = server.info().hubs().stream().filter(h -> h.hostName().equals(hub)).findFirst()
                .orElseThrow(() -> new AssertionError(hub + " is not in connection-info.json"));
        return ServiceConnectionString.parse(listed.connectionString());
    }

    /**
     * A token of one of the hub's other default policies ({@code service}, {@code registryRead}, ...), whose keys
     * connection-info.json does not list: they are read where the server keeps them.
     */
    String policyToken(String hub, String policyName) {
        try (JdbcStorage storage = JdbcStorage.open(TestServer.local(server.dataDir()).effectiveDatabaseUrl(), 1)) {
            HubPolicy policy = storage.builtInHubs().find(hub).orElseThrow().policy(policyName).orElseThrow();
            return token(new ServiceConnectionString(hub, policy.keyName(), policy.primaryKey()));
        }
    }

    /** As the Java service client signs: sr is the hub's host name, valid for an hour. */
    static String token(ServiceConnectionString policy) {
        return SharedAccessSignatures.createToken(policy.hostName(), policy.keyName(), policy.key(),
                Instant.now().plusSeconds(3600).getEpochSecond());
    }

    @Override
    public void close() throws IOException {
        proxy.close();
    }
}

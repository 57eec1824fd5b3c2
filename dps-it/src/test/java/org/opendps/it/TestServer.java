package org.opendps.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.opendps.app.OpenDps;
import org.opendps.app.ServeConfig;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.provisioning.ProvisioningService;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.testsupport.hub.InMemoryHubGateway;
import org.opendps.testsupport.net.ProxiedJvm;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ServiceConnectionString;

/** OpenDPS started in-process on free loopback ports, in its own data directory, with an HTTP client for it. */
final class TestServer implements AutoCloseable {
    private final Path dataDir;
    private final OpenDps dps;
    private final HttpClient http;
    private final InMemoryHubGateway hubs;

    private TestServer(Path dataDir, OpenDps dps, InMemoryHubGateway hubs) throws Exception {
        this.dataDir = dataDir;
        this.dps = dps;
        this.hubs = hubs;
        this.http = HttpClient.newBuilder().sslContext(ProxiedJvm.trusting(caCertificate()))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static TestServer start(Path dataDir) throws Exception {
        return start(dataDir, null);
    }

    static TestServer start(Path dataDir, String databaseUrl) throws Exception {
        return start(local(dataDir).withDatabaseUrl(databaseUrl));
    }

    /** The defaults, on free loopback ports. */
    static ServeConfig local(Path dataDir) {
        return ServeConfig.defaults(dataDir).withPorts(0, 0).withBind("127.0.0.1");
    }

    static TestServer start(ServeConfig config) throws Exception {
        return start(config, null);
    }

    /** @param provisioning null for the defaults */
    static TestServer start(ServeConfig config, ProvisioningService.Settings provisioning) throws Exception {
        InMemoryHubGateway hubs = new InMemoryHubGateway();
        return new TestServer(config.dataDir(), OpenDps.start(config, new OpenDps.Overrides(hubs, provisioning)),
                hubs);
    }

    /** A server that reaches every hub through {@code gateway} (a slow one, say); {@link #hubs()} is then null. */
    static TestServer start(ServeConfig config, ProvisioningService.Settings provisioning, HubGateway gateway)
            throws Exception {
        return new TestServer(config.dataDir(), OpenDps.start(config, new OpenDps.Overrides(gateway, provisioning)),
                null);
    }

    /**
     * A server whose devices land on its own built-in hubs, as in production: the default one ({@code localhost}) and
     * these extra ones ({@code --hub}). No gateway is injected, so the DPS reaches them in-process.
     */
    static TestServer startWithBuiltInHubs(Path dataDir, String... extraHubs) throws Exception {
        return startWithBuiltInHubs(local(dataDir).withExtraHubs(List.of(extraHubs)));
    }

    /** As {@link #startWithBuiltInHubs(Path, String...)}, with this configuration. */
    static TestServer startWithBuiltInHubs(ServeConfig config) throws Exception {
        return new TestServer(config.dataDir(), OpenDps.start(config, OpenDps.Overrides.NONE), null);
    }

    /**
     * A server whose hubs live in memory, so that tests see exactly what the service wrote where, with these host
     * names linked through the service API instead of the built-in hub.
     */
    static TestServer withHubs(Path dataDir, String... hostNames) throws Exception {
        return withHubs(null, dataDir, hostNames);
    }

    /** As {@link #withHubs(Path, String...)}, with other registration settings (null for the defaults). */
    static TestServer withHubs(ProvisioningService.Settings provisioning, Path dataDir, String... hostNames)
            throws Exception {
        return withHubs(local(dataDir), provisioning, hostNames);
    }

    /** As {@link #withHubs(Path, String...)}, with this configuration (ports) and registration settings. */
    static TestServer withHubs(ServeConfig config, ProvisioningService.Settings provisioning, String... hostNames)
            throws Exception {
        TestServer server = start(config, provisioning);
        // Only the named hubs take devices: the default built-in hub is unlinked.
        HttpResponse<String> unlinked = server.sendAsOwner("DELETE", "/linkedHubs/localhost?api-version=2021-10-01", null);
        if (unlinked.statusCode() != 204) {
            throw new IllegalStateException("unlinking the built-in hub failed: " + unlinked.body());
        }
        for (String host : hostNames) {
            server.linkHub(host, 1);
        }
        return server;
    }

    /**
     * A server whose devices go to its built-in hub {@code localhost}, with MQTT on {@code mqttPort}: 8883 for the
     * Java device client, which dials no other port.
     */
    static TestServer withBuiltInHub(Path dataDir, int mqttPort) throws Exception {
        return withBuiltInHub(dataDir, 0, mqttPort);
    }

    /** As {@link #withBuiltInHub(Path, int)}, with HTTPS on {@code httpsPort}: 443 for MQTT over WebSocket. */
    static TestServer withBuiltInHub(Path dataDir, int httpsPort, int mqttPort) throws Exception {
        return new TestServer(dataDir, OpenDps.start(local(dataDir).withPorts(httpsPort, mqttPort)),
                new InMemoryHubGateway());
    }

    /** As {@link #withBuiltInHub(Path, int)}, with other registration settings. */
    static TestServer withBuiltInHub(ProvisioningService.Settings provisioning, Path dataDir, int mqttPort)
            throws Exception {
        return new TestServer(dataDir, OpenDps.start(local(dataDir).withPorts(0, mqttPort),
                new OpenDps.Overrides(null, provisioning)), null);
    }

    OpenDps dps() {
        return dps;
    }

    /** The hubs devices are placed on: what the tests inspect; null for a server with its built-in hubs. */
    InMemoryHubGateway hubs() {
        return hubs;
    }

    void linkHub(String hostName, int weight) throws IOException, InterruptedException {
        String connectionString = "HostName=" + hostName + ";SharedAccessKeyName=iothubowner;SharedAccessKey="
                + SharedAccessSignatures.generateKey();
        HttpResponse<String> linked = sendAsOwner("PUT", "/linkedHubs/" + hostName + "?api-version=2021-10-01",
                "{\"connectionString\":\"" + connectionString + "\",\"location\":\"local\",\"allocationWeight\":"
                        + weight + "}");
        if (linked.statusCode() != 200) {
            throw new IllegalStateException("linking " + hostName + " failed: " + linked.body());
        }
    }

    ConnectionInfo info() {
        return dps.connectionInfo();
    }

    int httpsPort() {
        return dps.httpsPort();
    }

    int mqttPort() {
        return dps.mqttPort();
    }

    Path dataDir() {
        return dataDir;
    }

    X509Certificate caCertificate() throws IOException {
        return Pem.readCertificates(Files.readString(Path.of(info().caCertificate()))).get(0);
    }

    ServiceConnectionString owner() {
        return ServiceConnectionString.parse(info().serviceConnectionString());
    }

    /** A service API token of the owner policy, valid for an hour. */
    String ownerToken() {
        return token(owner().keyName(), owner().key(), Instant.now().plusSeconds(3600));
    }

    String token(String keyName, String key, Instant expiry) {
        return SharedAccessSignatures.createToken("localhost", keyName, key, expiry.getEpochSecond());
    }

    /** Sends a raw request to the HTTPS port; {@code authorization} null sends none. */
    HttpResponse<String> send(String method, String path, String body, String authorization, String... headers)
            throws IOException, InterruptedException {
        return sendBytes(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                authorization, headers);
    }

    /** As {@link #send(String, String, String, String, String...)}, for bodies a String cannot carry. */
    HttpResponse<String> sendBytes(String method, String path, byte[] body, String authorization,
            String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && !hasHeader(headers, "Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The owner's PUT or POST of raw bytes, for bodies a String cannot carry (invalid UTF-8). */
    HttpResponse<String> sendBytes(String method, String path, byte[] body) throws IOException, InterruptedException {
        return sendBytes(method, path, body, ownerToken());
    }

    /**
     * Everything a request through the service API could have touched, as the owner sees it (keys included): two
     * equal views mean the stored state is the same.
     */
    String serviceApiView() throws IOException, InterruptedException {
        String api = "?api-version=2021-10-01";
        StringBuilder out = new StringBuilder();
        out.append(sendAsOwner("POST", "/enrollments/query" + api, "{\"query\":\"SELECT *\"}").body());
        out.append(sendAsOwner("POST", "/enrollmentGroups/query" + api, "{\"query\":\"SELECT *\"}").body());
        out.append(sendAsOwner("POST", "/registrations/query" + api, "{}").body());
        out.append(sendAsOwner("GET", "/policies" + api, null).body());
        out.append(sendAsOwner("GET", "/linkedHubs" + api, null).body());
        out.append(sendAsOwner("GET", "/certificates" + api, null).body());
        return out.toString();
    }

    HttpResponse<String> sendAsOwner(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        return send(method, path, body, ownerToken(), headers);
    }

    private static boolean hasHeader(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        dps.close();
    }
}

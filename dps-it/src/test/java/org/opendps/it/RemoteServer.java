package org.opendps.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.testsupport.net.ProxiedJvm;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ServiceConnectionString;

/**
 * A client of a server in another process, found through its connection-info.json, as the owner policy (or a
 * built-in hub's owner).
 */
final class RemoteServer {
    private final ConnectionInfo info;
    private final HttpClient http;

    RemoteServer(ConnectionInfo info) throws Exception {
        this.info = info;
        this.http = HttpClient.newBuilder().sslContext(ProxiedJvm.trusting(
                Pem.readCertificates(Files.readString(Path.of(info.caCertificate()))).get(0))).build();
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return sendAs(ServiceConnectionString.parse(info.serviceConnectionString()), method, path, body);
    }

    /**
     * As a built-in hub's owner, from its connection string in connection-info.json: the hub is picked by
     * {@code Host}, whose port the server ignores, so the request goes to the same endpoint.
     */
    HttpResponse<String> sendToHub(String hub, String method, String path, String body)
            throws IOException, InterruptedException {
        ConnectionInfo.Hub listed = info.hubs().stream().filter(h -> h.hostName().equals(hub)).findFirst()
                .orElseThrow(() -> new AssertionError(hub + " is not in connection-info.json"));
        return sendAs(ServiceConnectionString.parse(listed.connectionString()), method, path, body);
    }

    private HttpResponse<String> sendAs(ServiceConnectionString policy, String method, String path, String body)
            throws IOException, InterruptedException {
        return sendWith(SharedAccessSignatures.createToken(policy.hostName(), policy.keyName(), policy.key(),
                Instant.now().plusSeconds(600).getEpochSecond()), method, path, body);
    }

    /** A request with this {@code Authorization}, e.g. a device's token for the device API. */
    HttpResponse<String> sendWith(String authorization, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(info.serviceEndpoint() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

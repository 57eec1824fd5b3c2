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

/** A client of a server in another process, found through its connection-info.json, as the owner policy. */
final class RemoteServer {
    private final ConnectionInfo info;
    private final HttpClient http;

    RemoteServer(ConnectionInfo info) throws Exception {
        this.info = info;
        this.http = HttpClient.newBuilder().sslContext(ProxiedJvm.trusting(
                Pem.readCertificates(Files.readString(Path.of(info.caCertificate()))).get(0))).build();
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        ServiceConnectionString owner = ServiceConnectionString.parse(info.serviceConnectionString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(info.serviceEndpoint() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", SharedAccessSignatures.createToken(owner.hostName(), owner.keyName(),
                        owner.key(), Instant.now().plusSeconds(600).getEpochSecond()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

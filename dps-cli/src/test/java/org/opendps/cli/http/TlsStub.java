package org.opendps.cli.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;

/** An HTTPS server with a certificate from a CA made here, answering every request with {@code {}}. */
final class TlsStub implements AutoCloseable {
    private final HttpsServer server;
    private final IssuedCertificate ca;

    TlsStub() throws Exception {
        ca = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Test CA", Duration.ofDays(1)));
        IssuedCertificate leaf = CertificateIssuer.issue(CertificateIssuer.Request.leaf("localhost",
                Duration.ofDays(1), List.of("localhost", "127.0.0.1")), ca);
        char[] password = "pw".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", leaf.privateKey(), password,
                new Certificate[] {leaf.certificate(), ca.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "{}".getBytes();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    Path writeCa(Path dir) throws IOException {
        return Files.writeString(dir.resolve("ca.pem"), Pem.certificate(ca.certificate()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

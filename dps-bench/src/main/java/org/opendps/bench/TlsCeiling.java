package org.opendps.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.deviceclient.DeviceKeyManager;
import org.opendps.server.tls.BareTlsServer;

/**
 * The bare TLS server in a process of its own ({@link BareTlsServer}, the server's TLS stack with an ECDSA P-256
 * certificate, as {@code opendps serve} makes), and the client workload against it: per attempt a new client with a
 * new SSL context (a full handshake, nothing to resume) and one small HTTPS request, as a bench device makes;
 * optionally with a client certificate, as an X.509 device presents.
 */
final class TlsCeiling implements AutoCloseable {
    private static final Duration VALIDITY = Duration.ofDays(1);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final URI uri;
    private final TrustManager[] trust;
    /** The client certificate every handshake presents, as an X.509 device does; null for none. */
    private final IssuedCertificate clientCertificate;
    private final Duration timeout;

    private TlsCeiling(Process process, int port, TrustManager[] trust, IssuedCertificate clientCertificate,
            Duration timeout) {
        this.process = process;
        this.uri = URI.create("https://localhost:" + port + "/");
        this.trust = trust;
        this.clientCertificate = clientCertificate;
        this.timeout = timeout;
    }

    /**
     * Starts the server process and waits until it listens.
     *
     * @param clientCertificate whether every handshake presents a client certificate (ECDSA P-256, as the X.509
     *     bench devices have), the ceiling X.509 registrations compare with
     */
    static TlsCeiling start(Duration timeout, boolean clientCertificate) throws IOException, InterruptedException {
        IssuedCertificate root = CertificateIssuer.selfSigned(
                CertificateIssuer.Request.ca("OpenDPS bench TLS ceiling CA", VALIDITY));
        IssuedCertificate client = clientCertificate ? CertificateIssuer.issue(
                CertificateIssuer.Request.device("ceiling-device", VALIDITY), root) : null;
        IssuedCertificate leaf = CertificateIssuer.issue(
                CertificateIssuer.Request.leaf("localhost", VALIDITY, List.of("localhost", "127.0.0.1")), root);
        Path files = Files.createTempDirectory("opendps-bench-");
        Process process;
        try {
            Path certificate = Files.writeString(files.resolve("cert.pem"), Pem.certificate(leaf.certificate()));
            Path key = Files.writeString(files.resolve("key.pem"), Pem.privateKey(leaf.privateKey()));
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), BareTlsServer.class.getName(),
                    certificate.toString(), key.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int port = awaitPort(process);
            return new TlsCeiling(process, port, trustManagers(root), client, timeout);
        } finally {
            try (Stream<Path> written = Files.walk(files)) { // the server read them before it listened
                written.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static int awaitPort(Process process) throws IOException, InterruptedException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String ready;
        try {
            ready = line.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            ready = null;
        }
        if (ready == null || !ready.startsWith(BareTlsServer.READY)) {
            process.destroyForcibly();
            throw new IOException("the bare TLS server did not start (exit "
                    + (process.isAlive() ? "none" : process.waitFor()) + ")");
        }
        return Integer.parseInt(ready.substring(BareTlsServer.READY.length()).strip());
    }

    private static TrustManager[] trustManagers(IssuedCertificate root) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", root.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the ceiling's CA", e);
        }
    }

    /** Made per attempt, as a bench device makes its own: that work is part of what is compared. */
    private KeyManager[] keyManagers() {
        return clientCertificate == null ? null : new KeyManager[] {
            new DeviceKeyManager(clientCertificate.privateKey(), clientCertificate.chain())};
    }

    Process process() {
        return process;
    }

    /** One attempt: null when the server answered 200. */
    CompletableFuture<String> handshakeAndRequest(Object ignored) {
        HttpClient client;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), trust, null);
            client = HttpClient.newBuilder().sslContext(context).connectTimeout(CONNECT_TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1).build();
        } catch (GeneralSecurityException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> response.statusCode() != 200 ? "status " + response.statusCode()
                        : clientCertificate != null && !response.headers()
                                .firstValue(BareTlsServer.CLIENT_CERTIFICATE).orElse("").equals("true")
                                ? "no client certificate reached the server" : null);
    }

    /** Closes the server's stdin, its signal to end; forcibly after a grace period. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

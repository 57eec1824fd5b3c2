package org.opendps.it;

import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderX509;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.enrollment.X509Certificates;

/**
 * A device with an X.509 identity: its certificate and key, and the chain it presents in TLS (its certificate,
 * then whichever intermediates it sends). Gives the TLS 1.2 context the Java SDKs need (they have no TLS option of
 * their own, protocol/dps-device.md §7) and the security provider that carries it.
 */
final class X509Device {
    private static final char[] NO_PASSWORD = new char[0];

    private final IssuedCertificate identity;
    private final List<X509Certificate> presented;

    /** @param intermediates what the device sends after its own certificate */
    X509Device(IssuedCertificate identity, List<X509Certificate> intermediates) {
        this.identity = identity;
        this.presented = new ArrayList<>(List.of(identity.certificate()));
        this.presented.addAll(intermediates);
    }

    X509Device(IssuedCertificate identity) {
        this(identity, List.of());
    }

    IssuedCertificate identity() {
        return identity;
    }

    /** TLS 1.2 (the only version the Java DPS client speaks) with this device's key, trusting the server's CA. */
    SSLContext tls(X509Certificate serverCa) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", identity.privateKey(), NO_PASSWORD, presented.toArray(new Certificate[0]));
        // SunX509 picks the key whatever its validity, so that an expired device still presents it.
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("SunX509");
        keyManagers.init(keys, NO_PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("opendps-ca", serverCa);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** The SDK's X.509 provider, unchanged but for the SSL context, which must also trust our CA. */
    SecurityProviderX509 securityProvider(X509Certificate serverCa) throws Exception {
        SSLContext tls = tls(serverCa);
        return new SecurityProviderX509() {
            @Override
            public String getClientCertificateCommonName() {
                return X509Certificates.commonName(identity.certificate());
            }

            @Override
            public X509Certificate getClientCertificate() {
                return identity.certificate();
            }

            @Override
            public Key getClientPrivateKey() {
                return identity.privateKey();
            }

            @Override
            public Collection<X509Certificate> getIntermediateCertificatesChain() {
                return presented.subList(1, presented.size());
            }

            @Override
            public SSLContext getSSLContext() {
                return tls;
            }
        };
    }

    /** A raw register request as the Java SDK sends it for X.509: no Authorization, the CN as registration ID. */
    HttpResponse<String> register(TestServer server, String registrationId) throws Exception {
        return register(server, registrationId, tls(server.caCertificate()));
    }

    /** As {@link #register(TestServer, String)} on a new connection of this context (which may resume a session). */
    static HttpResponse<String> register(TestServer server, String registrationId, SSLContext tls) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        String path = "/" + server.info().idScope() + "/registrations/" + registrationId
                + "/register?api-version=2019-03-31";
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpsPort() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"registrationId\":\"" + registrationId + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

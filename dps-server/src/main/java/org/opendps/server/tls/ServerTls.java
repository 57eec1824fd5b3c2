package org.opendps.server.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.opendps.server.ServerConfig;

/**
 * The TLS setup every listener shares: BoringSSL through netty-tcnative (several times the handshakes per core of
 * the JDK engine), TLS 1.2 (the Java DPS client speaks only 1.2) and 1.3 with AEAD suites only, and a client certificate requested but
 * not required, so that SAS and X.509 devices share one port. Client chains are accepted here and judged by the
 * attestation code against enrollments and verified CAs, which knows what a device may present.
 */
public final class ServerTls {
    /**
     * Authenticated encryption only, forward secret only: TLS 1.3's suites (all AEAD) and TLS 1.2's ECDHE with
     * AES-GCM or ChaCha20-Poly1305. No CBC suite (padding oracles, Lucky 13) and no static RSA key exchange. Every
     * official SDK offers at least one of these.
     */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private ServerTls() {}

    public static <T extends NetServerOptions> T apply(T options, ServerConfig.TlsMaterial material) {
        if (!OpenSSLEngineOptions.isAvailable()) {
            throw new IllegalStateException("BoringSSL (netty-tcnative) is not available on this platform");
        }
        options.setSsl(true)
                .setSslEngineOptions(new OpenSSLEngineOptions().setSessionCacheEnabled(true))
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(material.certificateChainPem()))
                        .setKeyValue(Buffer.buffer(material.privateKeyPem())))
                .setTrustOptions(TrustOptions.wrap(new AcceptAnyClientChain()))
                .setClientAuth(ClientAuth.REQUEST)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        return options;
    }

    /** Accepts whatever chain a client presents; see the class comment for where it is checked. */
    private static final class AcceptAnyClientChain extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a server-side trust manager never checks servers");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a server-side trust manager never checks servers");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a server-side trust manager never checks servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

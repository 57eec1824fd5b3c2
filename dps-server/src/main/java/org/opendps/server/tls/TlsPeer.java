package org.opendps.server.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** What a TLS session tells about the client, for every listener. */
public final class TlsPeer {
    private TlsPeer() {}

    /**
     * The chain the client presented, its own certificate first; empty when it presented none. The TLS layer
     * accepts any chain (see {@link ServerTls}); whether it proves anything is decided by the caller.
     */
    public static List<X509Certificate> chain(SSLSession session) {
        if (session == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : session.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }
}

package org.opendps.testsupport.net;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.opendps.attestation.pki.IssuedCertificate;

/** TLS server contexts for the fake peers tests run (a fake hub, a webhook), from a certificate made in code. */
public final class ServerTlsContexts {
    private ServerTlsContexts() {}

    /** A context that presents {@code server}'s chain and key, for a JDK {@code HttpsServer}. */
    public static SSLContext presenting(IssuedCertificate server) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "test".toCharArray();
            store.setKeyEntry("server", server.privateKey(), password,
                    server.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

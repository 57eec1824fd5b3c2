package org.opendps.testsupport.net;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Points this JVM's {@code HttpsURLConnection}s (which the Java SDK clients use) at a local server: through a
 * {@link ConnectProxy}, trusting a given CA. Restores the previous settings on close.
 */
public final class ProxiedJvm implements AutoCloseable {
    private final ConnectProxy proxy;
    private final ProxySelector previousSelector;
    private final SSLSocketFactory previousFactory;

    public ProxiedJvm(int targetPort, X509Certificate trustedCa) throws IOException, GeneralSecurityException {
        this.proxy = new ConnectProxy(targetPort);
        this.previousSelector = ProxySelector.getDefault();
        this.previousFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        Proxy http = new Proxy(Proxy.Type.HTTP, proxy.address());
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return "https".equalsIgnoreCase(uri.getScheme()) ? List.of(http) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
        HttpsURLConnection.setDefaultSSLSocketFactory(trusting(trustedCa).getSocketFactory());
    }

    public static SSLContext trusting(X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("opendps-ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() throws IOException {
        ProxySelector.setDefault(previousSelector);
        HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
        proxy.close();
    }
}

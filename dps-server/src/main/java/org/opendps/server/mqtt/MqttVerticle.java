package org.opendps.server.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.opendps.core.error.DpsException;
import org.opendps.server.ServerConfig;
import org.opendps.server.tls.ServerTls;
import org.opendps.wire.mqtt.HubUserName;
import org.opendps.wire.sas.SasTokenParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT-over-TLS listener. It tells DPS and hub devices apart by the CONNECT user name; hub devices of the
 * built-in hubs are authenticated (SAS token as password, or the TLS client certificate) and get a
 * {@link HubMqttSession}. DPS over MQTT is not served yet: those devices are told the server is unavailable (3),
 * which the SDKs treat as retryable.
 */
public final class MqttVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(MqttVerticle.class);
    /** A 256 KB device-to-cloud message plus its topic and property bag. */
    private static final int MAX_MESSAGE_BYTES = 256 * 1024 + 16 * 1024;

    private final ServerConfig config;
    private final HubDeviceServices services;
    private final WorkerExecutor worker;
    private MqttServer server;

    /** @param services null when no built-in hub is served: every hub device is then refused */
    public MqttVerticle(ServerConfig config, HubDeviceServices services, WorkerExecutor worker) {
        this.config = config;
        this.services = services;
        this.worker = worker;
    }

    @Override
    public Future<?> start() {
        MqttServerOptions options = ServerTls.apply(new MqttServerOptions(), config.tls());
        options.setMaxMessageSize(MAX_MESSAGE_BYTES).setHost(config.bindAddress()).setPort(config.mqttPort());
        server = MqttServer.create(vertx, options).endpointHandler(this::connected)
                .exceptionHandler(e -> LOG.debug("MQTT connection failed", e));
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    public int actualPort() {
        return server.actualPort();
    }

    private void connected(MqttEndpoint endpoint) {
        if (endpoint.auth() == null) {
            connectedWithoutPassword(endpoint);
            return;
        }
        String userName = endpoint.auth().getUsername();
        if (HubUserName.isDps(userName)) {
            endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            return;
        }
        Optional<HubUserName> name = HubUserName.parse(userName);
        if (services == null || name.isEmpty() || name.get().isModule()
                || !name.get().deviceId().equals(endpoint.clientIdentifier())) {
            endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            return;
        }
        String hub = name.get().hubHostName();
        String deviceId = name.get().deviceId();
        String password = endpoint.auth().getPassword();
        if (password.isEmpty()) { // no token at all: the certificate, as when no password is sent
            byte[] certificate = leafCertificate(endpoint);
            authenticate(endpoint, () -> certificate != null
                    && services.authenticator().acceptsCertificate(hub, deviceId, certificate) ? hub : null, deviceId);
            return;
        }
        authenticate(endpoint, () -> acceptsSas(hub, deviceId, password) ? hub : null, deviceId);
    }

    /**
     * X.509 devices send a user name and no password (the Java client's CONNECT flags are username only), and
     * vertx-mqtt drops a user name that comes without a password. The client ID is the device ID (Azure requires
     * them equal), and the hub is the TLS server name or the only built-in hub.
     */
    private void connectedWithoutPassword(MqttEndpoint endpoint) {
        String deviceId = endpoint.clientIdentifier();
        byte[] certificate = leafCertificate(endpoint);
        if (services == null || certificate == null || deviceId == null || deviceId.isEmpty()
                || deviceId.contains("/")) {
            endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            return;
        }
        String serverName = serverName(endpoint);
        authenticate(endpoint, () -> services.authenticator().hubFor(serverName)
                .filter(hub -> services.authenticator().acceptsCertificate(hub, deviceId, certificate))
                .orElse(null), deviceId);
    }

    /** Runs the check on the worker pool (the registry is in the database); it answers the hub, or null. */
    private void authenticate(MqttEndpoint endpoint, Callable<String> check, String deviceId) {
        Context context = vertx.getOrCreateContext();
        worker.executeBlocking(check, false).onComplete(result -> {
            if (result.failed() || result.result() == null) {
                if (result.failed()) {
                    LOG.warn("Authenticating device {} failed", deviceId, result.cause());
                }
                endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
                return;
            }
            String hub = result.result();
            HubMqttSession session = new HubMqttSession(endpoint, context, hub, deviceId, services, worker);
            session.start();
            endpoint.closeHandler(v -> {
                services.sessions().remove(session);
                services.methods().closed(session);
            });
            services.sessions().register(session);
            endpoint.accept(false);
            LOG.debug("Device {} connected to {} over MQTT", deviceId, hub);
        });
    }

    private boolean acceptsSas(String hub, String deviceId, String password) {
        try {
            return services.authenticator().acceptsSas(hub, deviceId, SasTokenParser.parse(password));
        } catch (DpsException e) {
            return false; // a malformed token; its text is never logged
        }
    }

    /** The TLS server name (SNI) the client asked for; the JDK sends none for a name without a dot. */
    private static String serverName(MqttEndpoint endpoint) {
        SSLSession session = endpoint.isSsl() ? endpoint.sslSession() : null;
        if (!(session instanceof ExtendedSSLSession extended)) {
            return null;
        }
        try {
            return extended.getRequestedServerNames().stream().filter(n -> n instanceof SNIHostName)
                    .map(n -> ((SNIHostName) n).getAsciiName()).findFirst().orElse(null);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** The TLS client's own certificate (DER), or null when it presented none. */
    private static byte[] leafCertificate(MqttEndpoint endpoint) {
        SSLSession session = endpoint.isSsl() ? endpoint.sslSession() : null;
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length == 0 ? null : chain[0].getEncoded();
        } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
            return null;
        }
    }
}

package org.opendps.server.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.provisioning.DeviceCredential;
import org.opendps.server.http.HttpErrorMapper;
import org.opendps.server.http.device.DeviceApi;
import org.opendps.server.http.device.DeviceApiRoutes;
import org.opendps.server.mqtt.engine.MqttConnection;
import org.opendps.server.mqtt.engine.MqttConnector;
import org.opendps.server.tls.TlsPeer;
import org.opendps.wire.mqtt.DpsUserName;
import org.opendps.wire.mqtt.HubUserName;
import org.opendps.wire.sas.SasTokenParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a device connection is, for both transports: the CONNECT user name tells a DPS device
 * ({@code {idScope}/registrations/{id}/...}) from a hub device ({@code {hub}/{deviceId}/...}). A DPS device is
 * accepted when its client ID is its registration ID; its credential (the SAS token in the password, or with no
 * password the TLS client chain) is checked on each request, as over HTTPS. A hub device of a built-in hub is
 * authenticated here, on the worker pool: a SAS token, or with no password the TLS client chain. Every
 * refusal is CONNACK 5, as Azure answers.
 */
public final class DeviceMqttConnector implements MqttConnector {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceMqttConnector.class);
    private static final Future<Admission> NOT_AUTHORIZED =
            Future.succeededFuture(Admission.refused(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED));
    /** The workers' queue was full: MQTT 3.1.1 has no Retry-After, "server unavailable" is the honest answer. */
    private static final Future<Admission> SERVER_BUSY =
            Future.succeededFuture(Admission.refused(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE));

    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final HubDeviceServices hubs;
    private final DeviceApi dps;
    private final HttpErrorMapper errors;

    /** @param hubs null when no built-in hub is served: every hub device is then refused */
    public DeviceMqttConnector(Vertx vertx, WorkerExecutor worker, HubDeviceServices hubs, DeviceApi dps,
            HttpErrorMapper errors) {
        this.vertx = vertx;
        this.worker = worker;
        this.hubs = hubs;
        this.dps = dps;
        this.errors = errors;
    }

    @Override
    public Future<Admission> connect(Connect connect, MqttConnection connection) {
        if (HubUserName.isDps(connect.userName())) {
            return Future.succeededFuture(connectDps(connect, connection));
        }
        Optional<HubUserName> name = HubUserName.parse(connect.userName());
        if (hubs == null || name.isEmpty() || name.get().isModule()
                || !name.get().deviceId().equals(connect.clientId())) {
            return NOT_AUTHORIZED;
        }
        String hub = name.get().hubHostName();
        String deviceId = name.get().deviceId();
        Callable<Boolean> check;
        if (connect.password() == null || connect.password().length == 0) {
            List<X509Certificate> chain = TlsPeer.chain(connection.tlsSession());
            check = () -> hubs.authenticator().acceptsCertificate(hub, deviceId, chain);
        } else {
            String password = new String(connect.password(), StandardCharsets.UTF_8);
            check = () -> acceptsSas(hub, deviceId, password);
        }
        return worker.executeBlocking(check, false).transform(result -> {
            if (result.failed() && result.cause() instanceof DpsException busy
                    && busy.error() == DpsError.THROTTLED) {
                return SERVER_BUSY;
            }
            if (result.failed()) {
                LOG.warn("Authenticating device {} failed", deviceId, result.cause());
            }
            if (result.failed() || !result.result()) {
                return NOT_AUTHORIZED;
            }
            HubMqttSession session = new HubMqttSession(connection, hub, deviceId, hubs, worker);
            hubs.sessions().register(session);
            LOG.debug("Device {} connected to {} over MQTT", deviceId, hub);
            return Future.succeededFuture(Admission.accepted(session));
        });
    }

    private Admission connectDps(Connect connect, MqttConnection connection) {
        Optional<DpsUserName> name = DpsUserName.parse(connect.userName());
        if (name.isEmpty() || !name.get().registrationId().equals(connect.clientId())) {
            return Admission.refused(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        }
        Supplier<DeviceCredential> credential = credential(connect.password(), connection);
        return Admission.accepted(new DpsMqttSession(connection, name.get(), credential, dps, errors, worker, vertx));
    }

    /** The SAS token in the password; without one, the TLS client chain; without either, none (refused later). */
    private static Supplier<DeviceCredential> credential(byte[] password, MqttConnection connection) {
        if (password != null && password.length > 0) {
            String token = new String(password, StandardCharsets.UTF_8);
            return () -> DeviceApiRoutes.sas(token);
        }
        List<X509Certificate> chain = TlsPeer.chain(connection.tlsSession());
        DeviceCredential presented = chain.isEmpty() ? new DeviceCredential.None() : new DeviceCredential.X509(chain);
        return () -> presented;
    }

    private boolean acceptsSas(String hub, String deviceId, String password) {
        try {
            return hubs.authenticator().acceptsSas(hub, deviceId, SasTokenParser.parse(password));
        } catch (DpsException e) {
            return false; // a malformed token; its text is never logged
        }
    }
}

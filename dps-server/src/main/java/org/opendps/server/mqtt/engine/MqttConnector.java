package org.opendps.server.mqtt.engine;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Future;
import java.util.Objects;

/** Decides whether a CONNECT is accepted, and by which session. */
public interface MqttConnector {

    /**
     * Called on the connection's event loop; the answer may come from any thread.
     *
     * @param connection where the session, once accepted, sends to; its TLS session identifies the client too
     */
    Future<Admission> connect(Connect connect, MqttConnection connection);

    /**
     * The CONNECT as the client sent it: the user name with or without a password, the password as raw bytes.
     *
     * @param userName null when the flag is not set
     * @param password null when the flag is not set
     */
    record Connect(String clientId, String userName, byte[] password, int keepAliveSeconds, boolean cleanSession) {
        @Override
        public String toString() { // never the password
            return "Connect[" + clientId + ", " + userName + ", password " + (password == null ? "absent" : "set")
                    + "]";
        }
    }

    /** Accepted with a session, or refused with a CONNACK return code. */
    record Admission(MqttSession session, MqttConnectReturnCode refusal) {
        public static Admission accepted(MqttSession session) {
            return new Admission(Objects.requireNonNull(session, "session"), null);
        }

        public static Admission refused(MqttConnectReturnCode code) {
            return new Admission(null, Objects.requireNonNull(code, "code"));
        }
    }
}

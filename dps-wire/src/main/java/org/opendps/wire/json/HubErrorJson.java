package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The IoT Hub service API's error body, which differs from the DPS one:
 * {@code {"Message":"ErrorCode:DeviceNotFound;<message>","ExceptionMessage":"Tracking ID:<id>-TimeStamp:<MM/dd/yyyy
 * HH:mm:ss>","errorCode":404001}}. The Java service client reads {@code Message} and {@code ExceptionMessage} (and
 * looks for a brace in {@code Message} to find a nested body, so a message must hold none); {@link HubDeviceJson}
 * reads the code word back on the client side.
 */
public final class HubErrorJson {
    /** Azure's stamp: US month-first order, UTC, whole seconds. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HubErrorJson() {}

    /**
     * @param codeName the PascalCase name of the error, e.g. {@code DeviceNotFound}
     * @param errorCode the six-digit code; its first three digits are the HTTP status
     */
    public static byte[] write(String codeName, int errorCode, String message, String trackingId, Instant timestamp) {
        Objects.requireNonNull(codeName, "codeName");
        Objects.requireNonNull(trackingId, "trackingId");
        Objects.requireNonNull(timestamp, "timestamp");
        ObjectNode node = JsonBodies.object();
        node.put("Message", "ErrorCode:" + codeName + ";" + braceless(message == null ? "" : message));
        node.put("ExceptionMessage", "Tracking ID:" + trackingId + "-TimeStamp:" + TIMESTAMP.format(timestamp));
        node.put("errorCode", errorCode);
        return JsonBodies.toBytes(node);
    }

    /** A brace would make the Java client try to parse the rest of the message as a nested error body. */
    private static String braceless(String message) {
        return message.replace('{', '(').replace('}', ')');
    }
}

package org.opendps.wire.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** IoT Hub's answer to a direct method the device answered: {@code {"status":n,"payload":..}}. */
public final class DirectMethodResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DirectMethodResultJson() {}

    /** The device's payload as JSON; what is not JSON is passed on as a string, nothing as null. */
    public static String write(int status, String devicePayload) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("status", status);
        if (devicePayload == null || devicePayload.isBlank()) {
            answer.putNull("payload");
            return answer.toString();
        }
        try {
            answer.set("payload", JSON.readTree(devicePayload));
        } catch (JsonProcessingException e) {
            answer.put("payload", devicePayload);
        }
        return answer.toString();
    }
}

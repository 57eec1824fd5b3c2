package org.opendps.core.hub;

import java.util.Objects;
import org.opendps.core.enrollment.JsonText;

/**
 * A device twin's writable content in the IoT Hub service API's form,
 * {@code {"tags":{..},"properties":{"desired":{..},"reported":{..}}}}: what an enrollment's initial twin sets and
 * what migration carries. {@code reported} is present only where the hub's API gives or takes it.
 */
public record DeviceTwin(JsonText json) {
    public static final DeviceTwin EMPTY = new DeviceTwin(new JsonText("{\"tags\":{},\"properties\":{\"desired\":{}}}"));

    public DeviceTwin {
        Objects.requireNonNull(json, "json");
    }

    /** The enrollment's (or webhook's) initial twin, or an empty one: a reset must clear what was there. */
    public static DeviceTwin initial(JsonText initialTwin) {
        return initialTwin == null ? EMPTY : new DeviceTwin(initialTwin);
    }
}

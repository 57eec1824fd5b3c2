package org.opendps.cli.service;

import java.util.stream.Collectors;
import org.opendps.cli.output.Details;
import org.opendps.core.hub.LinkedHub;
import org.opendps.wire.json.LinkedHubJson;

/** The service properties as text: the hubs by name only, never with their keys. */
final class ServiceView {
    private ServiceView() {}

    static Details details(LinkedHubJson.ServiceProperties properties) {
        return new Details()
                .add("idScope", properties.idScope())
                .add("allocationPolicy", properties.allocationPolicy() == null ? null
                        : properties.allocationPolicy().wireName())
                .add("linkedHubs", properties.iotHubs().isEmpty() ? "none (link one with `opendps hub link`)"
                        : properties.iotHubs().stream().map(LinkedHub::hostName).collect(Collectors.joining(", ")));
    }
}

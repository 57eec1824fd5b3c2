package org.opendps.core.allocation;

import org.opendps.core.hub.LinkedHub;

/** Linked hubs for selector tests; only host name, location and weight matter to selection. */
final class TestHubs {
    private TestHubs() {}

    static LinkedHub hub(String hostName, int weight) {
        return new LinkedHub(hostName, "iothubowner", "a2V5", "", weight, true);
    }

    static LinkedHub hub(String hostName, String location) {
        return new LinkedHub(hostName, "iothubowner", "a2V5", location, LinkedHub.DEFAULT_WEIGHT, true);
    }
}

package org.opendps.cli.hub;

import java.util.List;
import org.opendps.cli.http.ServiceClient;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Table;
import org.opendps.core.hub.LinkedHub;
import org.opendps.wire.ServiceConnectionString;

/** Linked hubs as text. The hub's key is shown only where asked for: {@code hub show}. */
final class HubView {
    private HubView() {}

    static String path(String hostName) {
        return ServiceClient.path("linkedHubs", hostName);
    }

    /** @param showKey whether to print the key and the connection string that holds it */
    static Details details(LinkedHub hub, boolean showKey) {
        Details details = new Details()
                .add("hostName", hub.hostName())
                .add("keyName", hub.keyName())
                .add("key", showKey ? hub.key() : "hidden (`opendps hub show` shows it)")
                .add("location", hub.location())
                .add("allocationWeight", hub.allocationWeight())
                .add("applyAllocationPolicy", hub.applyAllocationPolicy());
        if (showKey) {
            details.add("connectionString",
                    new ServiceConnectionString(hub.hostName(), hub.keyName(), hub.key()).format());
        }
        return details;
    }

    static Table table(List<LinkedHub> hubs) {
        Table table = new Table("HOST NAME", "KEY NAME", "LOCATION", "WEIGHT", "ALLOCATION");
        hubs.forEach(hub -> table.row(hub.hostName(), hub.keyName(), hub.location().isEmpty() ? null : hub.location(),
                hub.allocationWeight(), hub.applyAllocationPolicy() ? "applies" : "enrollments only"));
        return table;
    }
}

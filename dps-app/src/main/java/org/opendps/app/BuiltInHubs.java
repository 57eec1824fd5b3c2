package org.opendps.app;

import java.time.Clock;
import org.opendps.hub.EmbeddedHubGateway;
import org.opendps.hub.registry.HubRegistry;
import org.opendps.hub.twin.TwinService;
import org.opendps.store.jdbc.JdbcStorage;

/** The built-in hubs' use cases over the shared database, and the in-process gateway the DPS reaches them by. */
record BuiltInHubs(HubRegistry registry, TwinService twins, EmbeddedHubGateway gateway) {

    static BuiltInHubs create(JdbcStorage storage, Clock clock) {
        HubRegistry registry = new HubRegistry(storage.hubDevices(), storage.twins(), clock);
        TwinService twins = new TwinService(storage.hubDevices(), storage.twins(), clock);
        return new BuiltInHubs(registry, twins, new EmbeddedHubGateway(storage.builtInHubs(), registry, twins));
    }
}

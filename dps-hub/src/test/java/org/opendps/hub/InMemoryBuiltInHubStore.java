package org.opendps.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.BuiltInHubStore;

/** A {@link BuiltInHubStore} over a map, by case-insensitive host name. */
public final class InMemoryBuiltInHubStore implements BuiltInHubStore {
    private final Map<String, BuiltInHub> hubs = new TreeMap<>();

    @Override
    public synchronized List<BuiltInHub> list() {
        return new ArrayList<>(hubs.values());
    }

    @Override
    public synchronized Optional<BuiltInHub> find(String hostName) {
        return Optional.ofNullable(hubs.get(hostName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public synchronized BuiltInHub createIfAbsent(BuiltInHub hub) {
        return hubs.computeIfAbsent(hub.hostName().toLowerCase(Locale.ROOT), h -> hub);
    }
}

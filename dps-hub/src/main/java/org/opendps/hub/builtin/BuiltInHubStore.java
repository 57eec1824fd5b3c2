package org.opendps.hub.builtin;

import java.util.List;
import java.util.Optional;

/** The built-in hubs and their policies, in the database every node shares. */
public interface BuiltInHubStore {

    /** Every built-in hub, by host name. */
    List<BuiltInHub> list();

    Optional<BuiltInHub> find(String hostName);

    /** Stores the hub with its policies unless one of that host name exists; returns whichever is stored. */
    BuiltInHub createIfAbsent(BuiltInHub hub);
}

package org.opendps.hub;

import java.util.Locale;
import java.util.Objects;

/** Host names of built-in hubs, which compare case-insensitively as DNS names do. */
public final class HubHosts {
    private HubHosts() {}

    /** The form the hub's stores are keyed by: lower case, so {@code Hub.Example} and {@code hub.example} agree. */
    public static String key(String hubHostName) {
        return Objects.requireNonNull(hubHostName, "hubHostName").toLowerCase(Locale.ROOT);
    }
}

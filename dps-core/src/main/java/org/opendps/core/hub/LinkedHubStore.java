package org.opendps.core.hub;

import java.util.List;
import java.util.Optional;

/** The hubs linked to this instance, by case-insensitive host name, shared by every node through the database. */
public interface LinkedHubStore {

    /** Every linked hub in host name order. */
    List<LinkedHub> list();

    Optional<LinkedHub> find(String hostName);

    /** Inserts or replaces the hub of that host name. */
    void put(LinkedHub hub);

    boolean delete(String hostName);
}

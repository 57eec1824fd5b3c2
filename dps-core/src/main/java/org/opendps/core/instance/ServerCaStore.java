package org.opendps.core.instance;

import java.util.Optional;

/** The instance's one server CA (see {@link ServerCa}). */
public interface ServerCaStore {

    Optional<ServerCa> find();

    /**
     * Stores the CA unless one exists; returns whichever is stored afterwards. Of nodes racing to create the CA of a
     * new instance, or to adopt their own data directory's, the first writer wins and every other gets its CA.
     */
    ServerCa createIfAbsent(ServerCa ca);
}

package org.opendps.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Logging setup of the process: one level for OpenDPS, JUL (used by some libraries) routed to SLF4J. */
final class Logging {
    private Logging() {}

    static void setLevel(String level) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        Logger opendps = (Logger) LoggerFactory.getLogger("org.opendps");
        opendps.setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO));
    }
}

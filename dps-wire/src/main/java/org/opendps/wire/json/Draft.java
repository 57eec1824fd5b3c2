package org.opendps.wire.json;

/**
 * A resource as a client sent it, not yet checked by the core, with the {@code etag} its body carried.
 *
 * @param etag exactly as sent (Azure etags include their double quotes); null when the body had none
 */
public record Draft<T>(T item, String etag) {}

package org.opendps.core.security;

/** A named pair of keys that signs shared access signatures: a DPS policy, a hub policy. */
public interface PolicyKeys {
    String keyName();

    String primaryKey();

    String secondaryKey();
}

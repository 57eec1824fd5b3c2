package org.opendps.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The one place secrets are compared: in time that depends on their lengths only, never on where they first
 * differ, so that an attacker cannot find a signature or code byte by byte. ArchitectureTest checks that every
 * comparison of a secret comes here.
 */
public final class ConstantTime {
    private ConstantTime() {}

    public static boolean equal(byte[] expected, byte[] presented) {
        return expected != null && presented != null && MessageDigest.isEqual(expected, presented);
    }

    /** Compares the UTF-8 bytes. */
    public static boolean equal(String expected, String presented) {
        return expected != null && presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}

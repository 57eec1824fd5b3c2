package org.opendps.core.provisioning;

/**
 * Wraps a symmetric key so that only one TPM can load it: the device must hold the private halves of both the
 * endorsement key and the storage root key ({@code protocol/dps-device.md} §3, the {@code authenticationKey}).
 */
public interface TpmKeyWrap {

    /**
     * @param endorsementKey the EK's TPM2B_PUBLIC
     * @param storageRootKey the SRK's TPM2B_PUBLIC
     * @param key the 32-byte HMAC-SHA256 key to wrap
     * @param uri what the blob names as its purpose (informational)
     * @return the blob the device activates
     * @throws IllegalArgumentException when a key is not one a TPM attestation can use; the message says why
     */
    byte[] wrap(byte[] endorsementKey, byte[] storageRootKey, byte[] key, String uri);
}

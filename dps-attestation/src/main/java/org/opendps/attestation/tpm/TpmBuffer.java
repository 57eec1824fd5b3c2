package org.opendps.attestation.tpm;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * TPM 2.0 marshalling (TPM 2.0 Part 2): big-endian integers and TPM2B buffers, which are a 16-bit size followed by
 * that many bytes. Writing appends; reading throws {@link IllegalArgumentException} on truncated input.
 */
final class TpmBuffer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TpmBuffer u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    TpmBuffer u32(int value) {
        return u16(value >>> 16).u16(value);
    }

    TpmBuffer raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A TPM2B: the 16-bit size, then the bytes. */
    TpmBuffer sized(byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("a TPM2B holds at most 65535 bytes, not " + bytes.length);
        }
        return u16(bytes.length).raw(bytes);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    static byte[] sizedBytes(byte[] bytes) {
        return new TpmBuffer().sized(bytes).toBytes();
    }

    static int u16(ByteBuffer in) {
        try {
            return Short.toUnsignedInt(in.getShort());
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the TPM structure ends too early", e);
        }
    }

    static int u32(ByteBuffer in) {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the TPM structure ends too early", e);
        }
    }

    /** Reads a TPM2B and returns its content. */
    static byte[] sized(ByteBuffer in) {
        int size = u16(in);
        if (size > in.remaining()) {
            throw new IllegalArgumentException("a TPM2B claims " + size + " bytes but only " + in.remaining()
                    + " remain");
        }
        byte[] bytes = new byte[size];
        in.get(bytes);
        return bytes;
    }
}

package org.opendps.core.enrollment;

import java.util.Optional;

/** How a device proves who it is, named as the Azure wire format names it. */
public enum AttestationType {
    NONE("none"),
    TPM("tpm"),
    X509("x509"),
    SYMMETRIC_KEY("symmetricKey");

    private final String wireName;

    AttestationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AttestationType> fromWireName(String name) {
        for (AttestationType type : values()) {
            if (type.wireName.equalsIgnoreCase(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

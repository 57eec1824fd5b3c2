package org.opendps.core.enrollment;

/** Which of the three mutually exclusive X.509 forms an attestation uses, with its wire field name. */
public enum X509Kind {
    CLIENT_CERTIFICATES("clientCertificates"),
    SIGNING_CERTIFICATES("signingCertificates"),
    CA_REFERENCES("caReferences");

    private final String wireName;

    X509Kind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

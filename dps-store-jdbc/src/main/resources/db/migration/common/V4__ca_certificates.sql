-- CA certificates (ARM's certificates/{name}) and what X.509 devices registered with. Same conventions as V1:
-- id_key is the lower-cased name, version counts writes, instants are BIGINT microseconds.

-- certificate: base64 DER. verification_code: the CN a proof-of-possession certificate must carry; NULL when
-- none is pending (a code is spent by the verification it allows).
CREATE TABLE ca_certificate (
    id_key TEXT ${key_collation} PRIMARY KEY,
    name TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    certificate TEXT NOT NULL,
    verified BOOLEAN NOT NULL,
    verification_code TEXT
);

-- The device certificate and, for a group member, the group's CA it chained up to, both base64 DER; NULL for
-- devices that did not register with a certificate.
ALTER TABLE registration_state ADD COLUMN x509_certificate TEXT;
ALTER TABLE registration_state ADD COLUMN x509_signing_certificate TEXT;

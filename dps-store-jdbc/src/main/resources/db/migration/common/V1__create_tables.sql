-- The first schema of OpenDPS, one script for both databases: it uses only what SQLite and PostgreSQL
-- both accept (TEXT, BIGINT, INTEGER, BOOLEAN, CHECK, indexes on expressions). The one difference is
-- ${key_collation}, which JdbcStorage has Flyway fill in: ids must sort byte-wise everywhere so that pages
-- come out the same on both, which is SQLite's default but must be spelled out (COLLATE "C") for a
-- PostgreSQL database created with a natural-language collation. Should a later change need SQL that only one
-- database accepts, it goes to db/migration/sqlite or db/migration/postgresql (scanned when present).
--
-- Conventions: id_key is the lower-cased id, the primary key by which ids are found and ordered; the id column
-- next to it keeps the case the resource was created with. version counts writes (optimistic concurrency).
-- Instants are BIGINT microseconds since 1970-01-01T00:00:00Z. Enums hold their wire names ("symmetricKey").
-- JSON (initial twin, payloads) is stored as the text the service was given. Filter indexes lead with the
-- filtered expression and end with id_key, so that a filtered page is one index range scan.

CREATE TABLE service_instance (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    id_scope TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- rights: AccessRight wire names, comma-separated ("ServiceConfig,EnrollmentRead").
CREATE TABLE access_policy (
    key_name_key TEXT ${key_collation} PRIMARY KEY,
    key_name TEXT NOT NULL,
    primary_key TEXT NOT NULL,
    secondary_key TEXT NOT NULL,
    rights TEXT NOT NULL
);

-- X.509 slots (primary, secondary): certificate is base64 DER; info_version is set exactly when the
-- certificate info is. iot_hubs holds one host name per line.
CREATE TABLE individual_enrollment (
    id_key TEXT ${key_collation} PRIMARY KEY,
    registration_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    device_id TEXT,
    device_id_key TEXT,
    optional_device_information TEXT,
    attestation_type TEXT NOT NULL,
    tpm_endorsement_key TEXT,
    tpm_storage_root_key TEXT,
    symmetric_primary_key TEXT,
    symmetric_secondary_key TEXT,
    x509_kind TEXT,
    x509_primary_certificate TEXT,
    x509_primary_ca_reference TEXT,
    x509_primary_subject_name TEXT,
    x509_primary_sha1_thumbprint TEXT,
    x509_primary_sha256_thumbprint TEXT,
    x509_primary_issuer_name TEXT,
    x509_primary_not_before BIGINT,
    x509_primary_not_after BIGINT,
    x509_primary_serial_number TEXT,
    x509_primary_info_version INTEGER,
    x509_secondary_certificate TEXT,
    x509_secondary_ca_reference TEXT,
    x509_secondary_subject_name TEXT,
    x509_secondary_sha1_thumbprint TEXT,
    x509_secondary_sha256_thumbprint TEXT,
    x509_secondary_issuer_name TEXT,
    x509_secondary_not_before BIGINT,
    x509_secondary_not_after BIGINT,
    x509_secondary_serial_number TEXT,
    x509_secondary_info_version INTEGER,
    iot_edge BOOLEAN NOT NULL,
    iot_hub_host_name TEXT,
    initial_twin TEXT,
    provisioning_status TEXT NOT NULL,
    reprovision_update_hub_assignment BOOLEAN NOT NULL,
    reprovision_migrate_device_data BOOLEAN NOT NULL,
    allocation_policy TEXT,
    iot_hubs TEXT,
    webhook_url TEXT,
    webhook_api_version TEXT
);

CREATE INDEX individual_enrollment_device_id ON individual_enrollment (device_id_key, id_key);
CREATE INDEX individual_enrollment_provisioning_status ON individual_enrollment (LOWER(provisioning_status), id_key);
CREATE INDEX individual_enrollment_attestation_type ON individual_enrollment (LOWER(attestation_type), id_key);
CREATE INDEX individual_enrollment_iot_hub_host_name ON individual_enrollment (LOWER(iot_hub_host_name), id_key);
CREATE INDEX individual_enrollment_allocation_policy ON individual_enrollment (LOWER(allocation_policy), id_key);

CREATE TABLE enrollment_group (
    id_key TEXT ${key_collation} PRIMARY KEY,
    enrollment_group_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    attestation_type TEXT NOT NULL,
    tpm_endorsement_key TEXT,
    tpm_storage_root_key TEXT,
    symmetric_primary_key TEXT,
    symmetric_secondary_key TEXT,
    x509_kind TEXT,
    x509_primary_certificate TEXT,
    x509_primary_ca_reference TEXT,
    x509_primary_subject_name TEXT,
    x509_primary_sha1_thumbprint TEXT,
    x509_primary_sha256_thumbprint TEXT,
    x509_primary_issuer_name TEXT,
    x509_primary_not_before BIGINT,
    x509_primary_not_after BIGINT,
    x509_primary_serial_number TEXT,
    x509_primary_info_version INTEGER,
    x509_secondary_certificate TEXT,
    x509_secondary_ca_reference TEXT,
    x509_secondary_subject_name TEXT,
    x509_secondary_sha1_thumbprint TEXT,
    x509_secondary_sha256_thumbprint TEXT,
    x509_secondary_issuer_name TEXT,
    x509_secondary_not_before BIGINT,
    x509_secondary_not_after BIGINT,
    x509_secondary_serial_number TEXT,
    x509_secondary_info_version INTEGER,
    iot_edge BOOLEAN NOT NULL,
    iot_hub_host_name TEXT,
    initial_twin TEXT,
    provisioning_status TEXT NOT NULL,
    reprovision_update_hub_assignment BOOLEAN NOT NULL,
    reprovision_migrate_device_data BOOLEAN NOT NULL,
    allocation_policy TEXT,
    iot_hubs TEXT,
    webhook_url TEXT,
    webhook_api_version TEXT
);

CREATE INDEX enrollment_group_provisioning_status ON enrollment_group (LOWER(provisioning_status), id_key);
CREATE INDEX enrollment_group_attestation_type ON enrollment_group (LOWER(attestation_type), id_key);
CREATE INDEX enrollment_group_iot_hub_host_name ON enrollment_group (LOWER(iot_hub_host_name), id_key);
CREATE INDEX enrollment_group_allocation_policy ON enrollment_group (LOWER(allocation_policy), id_key);

-- No foreign key to enrollment_group: a state outlives the group it came through, as in Azure.
CREATE TABLE registration_state (
    id_key TEXT ${key_collation} PRIMARY KEY,
    registration_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    enrollment_group_id TEXT,
    enrollment_group_id_key TEXT,
    assigned_hub TEXT,
    device_id TEXT,
    device_id_key TEXT,
    status TEXT NOT NULL,
    substatus TEXT,
    error_code INTEGER,
    error_message TEXT,
    payload TEXT
);

CREATE INDEX registration_state_enrollment_group_id ON registration_state (enrollment_group_id_key, id_key);
CREATE INDEX registration_state_device_id ON registration_state (device_id_key, id_key);
CREATE INDEX registration_state_status ON registration_state (LOWER(status), id_key);
CREATE INDEX registration_state_assigned_hub ON registration_state (LOWER(assigned_hub), id_key);

-- Linked hubs, the instance allocation policy and registration operations. Same conventions as V1: *_key columns
-- hold the lower-cased name by which rows are found, instants are BIGINT microseconds, enums hold wire names.

-- hashed, geoLatency or static (never custom: Azure allows custom only per enrollment). Instances made before this
-- column existed get Azure's default.
ALTER TABLE service_instance ADD COLUMN allocation_policy TEXT NOT NULL DEFAULT 'hashed';

-- key is the base64 key of the hub's shared access policy key_name, with which OpenDPS manages device identities
-- there. location may be empty.
CREATE TABLE linked_hub (
    host_name_key TEXT ${key_collation} PRIMARY KEY,
    host_name TEXT NOT NULL,
    key_name TEXT NOT NULL,
    key TEXT NOT NULL,
    location TEXT NOT NULL,
    allocation_weight INTEGER NOT NULL,
    apply_allocation_policy BOOLEAN NOT NULL
);

-- Operation IDs are made by the service and compare case-sensitively, so they are stored as they are (byte-wise,
-- hence the collation). updated_at is indexed for the sweep that forgets finished operations.
CREATE TABLE registration_operation (
    operation_id TEXT ${key_collation} PRIMARY KEY,
    registration_id TEXT NOT NULL,
    registration_id_key TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX registration_operation_updated_at ON registration_operation (updated_at);

-- The built-in hubs: their policies, device identities and device twins. Same conventions as V1: *_key columns
-- hold the lower-cased name by which rows are found, instants are BIGINT microseconds, enums hold wire names,
-- version counts writes (optimistic concurrency), and every key column sorts byte-wise (key_collation, see V1).
--
-- Host names compare case-insensitively (DNS), so every row names its hub by the lower-cased host name.
-- Device IDs compare case-sensitively (Azure: "Dev" and "dev" are two devices), so they are stored as they are,
-- never lower-cased, and pages of devices come out in byte order on both databases.

CREATE TABLE built_in_hub (
    host_name_key TEXT ${key_collation} PRIMARY KEY,
    host_name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A hub's shared access policies, written in one transaction with the hub. list_index keeps the order the hub was
-- created with (Azure lists iothubowner, service, device, ... in that order). rights: HubRight wire names,
-- comma-separated ("RegistryRead,RegistryWrite"), empty for none.
CREATE TABLE hub_policy (
    hub_host_name_key TEXT ${key_collation} NOT NULL REFERENCES built_in_hub (host_name_key) ON DELETE CASCADE,
    key_name_key TEXT ${key_collation} NOT NULL,
    list_index INTEGER NOT NULL,
    key_name TEXT NOT NULL,
    primary_key TEXT NOT NULL,
    secondary_key TEXT NOT NULL,
    rights TEXT NOT NULL,
    PRIMARY KEY (hub_host_name_key, key_name_key)
);

-- No foreign keys from devices and twins: the hub's services write a device and its twin in separate statements,
-- in whichever order suits them, as registration states are written apart from their groups.
--
-- authentication_type is Azure's wire name: sas (primary_key, secondary_key: base64) or selfSigned
-- (primary_thumbprint, secondary_thumbprint: upper-case hex); the other pair is NULL. generation_id and
-- created_at are facts of creation that a replace leaves as they are. The primary key also serves paging: one
-- hub's devices, after a device ID, in device ID order, is one index range scan.
CREATE TABLE hub_device (
    hub_host_name_key TEXT ${key_collation} NOT NULL,
    device_id TEXT ${key_collation} NOT NULL,
    authentication_type TEXT NOT NULL,
    primary_key TEXT,
    secondary_key TEXT,
    primary_thumbprint TEXT,
    secondary_thumbprint TEXT,
    enabled BOOLEAN NOT NULL,
    status_reason TEXT,
    iot_edge BOOLEAN NOT NULL,
    generation_id TEXT,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (hub_host_name_key, device_id)
);

-- The twin's three JSON objects as the text the hub was given: TEXT, because with metadata a twin reaches about
-- 100 KB. version is the row version (every write bumps it; the twin's etag), as in every other table; twin_version
-- is the twin's own top-level version, which counts changes of tags and desired properties only, and
-- desired_version and reported_version are the sections' $version.
CREATE TABLE device_twin (
    hub_host_name_key TEXT ${key_collation} NOT NULL,
    device_id TEXT ${key_collation} NOT NULL,
    twin_version BIGINT NOT NULL,
    tags TEXT NOT NULL,
    desired TEXT NOT NULL,
    desired_version BIGINT NOT NULL,
    reported TEXT NOT NULL,
    reported_version BIGINT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (hub_host_name_key, device_id)
);

-- Device identities of the built-in hubs, by lower-cased hub host name and exact (case-sensitive) device ID.

-- name: find
SELECT device_id, authentication_type, primary_key, secondary_key, primary_thumbprint, secondary_thumbprint, enabled,
    status_reason, iot_edge, generation_id, version, created_at, updated_at
FROM hub_device WHERE hub_host_name_key = :hub_host_name_key AND device_id = :device_id

-- ON CONFLICT DO NOTHING makes concurrent inserts of one device ID race-free without an error (see versioned.sql).
-- name: insert
INSERT INTO hub_device (hub_host_name_key, device_id, authentication_type, primary_key, secondary_key,
    primary_thumbprint, secondary_thumbprint, enabled, status_reason, iot_edge, generation_id, version, created_at,
    updated_at)
VALUES (:hub_host_name_key, :device_id, :authentication_type, :primary_key, :secondary_key, :primary_thumbprint,
    :secondary_thumbprint, :enabled, :status_reason, :iot_edge, :generation_id, :version, :created_at, :updated_at)
ON CONFLICT (hub_host_name_key, device_id) DO NOTHING

-- The device ID, generation_id and created_at are facts of creation and stay as they are.
-- name: replace
UPDATE hub_device SET authentication_type = :authentication_type, primary_key = :primary_key,
    secondary_key = :secondary_key, primary_thumbprint = :primary_thumbprint,
    secondary_thumbprint = :secondary_thumbprint, enabled = :enabled, status_reason = :status_reason,
    iot_edge = :iot_edge, version = :version, updated_at = :updated_at
WHERE hub_host_name_key = :hub_host_name_key AND device_id = :device_id AND version = :expected_version

-- name: delete
DELETE FROM hub_device
WHERE hub_host_name_key = :hub_host_name_key AND device_id = :device_id AND version = :expected_version

-- name: delete_any
DELETE FROM hub_device WHERE hub_host_name_key = :hub_host_name_key AND device_id = :device_id

-- Every device ID sorts after the empty string, so the first page needs no statement of its own. Byte order, on
-- both databases, through the key collation of device_id; the primary key makes a page one index range scan.
-- name: list
SELECT device_id, authentication_type, primary_key, secondary_key, primary_thumbprint, secondary_thumbprint, enabled,
    status_reason, iot_edge, generation_id, version, created_at, updated_at
FROM hub_device WHERE hub_host_name_key = :hub_host_name_key AND device_id > :after_device_id
ORDER BY device_id LIMIT :limit

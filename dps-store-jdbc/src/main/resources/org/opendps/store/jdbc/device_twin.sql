-- Device twins of the built-in hubs, by lower-cased hub host name and exact (case-sensitive) device ID. The JSON
-- columns hold the text the hub was given, never parsed here. version is the row version; twin_version the twin's
-- own (see V3).

-- name: find
SELECT device_id, twin_version, tags, desired, desired_version, reported, reported_version, version, created_at,
    updated_at
FROM device_twin WHERE hub_host_name_key = :hub_host_name_key AND device_id = :device_id

-- ON CONFLICT DO NOTHING makes concurrent inserts of one twin race-free without an error (see versioned.sql).
-- name: insert
INSERT INTO device_twin (hub_host_name_key, device_id, twin_version, tags, desired, desired_version, reported,
    reported_version, version, created_at, updated_at)
VALUES (:hub_host_name_key, :device_id, :twin_version, :tags, :desired, :desired_version, :reported,
    :reported_version, :version, :created_at, :updated_at)
ON CONFLICT (hub_host_name_key, device_id) DO NOTHING

-- The device ID and created_at are facts of creation and stay as they are.
-- name: replace
UPDATE device_twin SET twin_version = :twin_version, tags = :tags, desired = :desired,
    desired_version = :desired_version, reported = :reported, reported_version = :reported_version,
    version = :version, updated_at = :updated_at
WHERE hub_host_name_key = :hub_host_name_key AND device_id = :device_id AND version = :expected_version

-- name: delete
DELETE FROM device_twin WHERE hub_host_name_key = :hub_host_name_key AND device_id = :device_id

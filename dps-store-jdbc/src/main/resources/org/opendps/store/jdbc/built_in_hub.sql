-- The built-in hubs by lower-cased host name, each read with its policies in one statement (so that a reader sees
-- a hub whole), in the order the hub was created with.

-- name: list
SELECT h.host_name, h.created_at, p.key_name, p.primary_key, p.secondary_key, p.rights
FROM built_in_hub h LEFT JOIN hub_policy p ON p.hub_host_name_key = h.host_name_key
ORDER BY h.host_name_key, p.list_index

-- name: find
SELECT h.host_name, h.created_at, p.key_name, p.primary_key, p.secondary_key, p.rights
FROM built_in_hub h LEFT JOIN hub_policy p ON p.hub_host_name_key = h.host_name_key
WHERE h.host_name_key = :host_name_key
ORDER BY p.list_index

-- The first writer wins, across processes too: PostgreSQL lets a second writer wait for the first to commit and
-- then reports 0 rows, and the caller then writes no policies and reads back the first hub.
-- name: insert_hub
INSERT INTO built_in_hub (host_name_key, host_name, created_at) VALUES (:host_name_key, :host_name, :created_at)
ON CONFLICT (host_name_key) DO NOTHING

-- name: insert_policy
INSERT INTO hub_policy (hub_host_name_key, key_name_key, list_index, key_name, primary_key, secondary_key, rights)
VALUES (:hub_host_name_key, :key_name_key, :list_index, :key_name, :primary_key, :secondary_key, :rights)

-- The instance-wide state: the one service_instance row and the shared access policies.

-- name: find_instance
SELECT id_scope, created_at, allocation_policy FROM service_instance WHERE id = 1

-- The first writer wins, across processes too; the caller reads back whichever row is stored.
-- name: create_instance
INSERT INTO service_instance (id, id_scope, created_at, allocation_policy)
VALUES (1, :id_scope, :created_at, :allocation_policy)
ON CONFLICT (id) DO NOTHING

-- name: update_allocation_policy
UPDATE service_instance SET allocation_policy = :allocation_policy WHERE id = 1

-- name: policies
SELECT key_name, primary_key, secondary_key, rights FROM access_policy ORDER BY key_name_key

-- name: policy
SELECT key_name, primary_key, secondary_key, rights FROM access_policy WHERE key_name_key = :key_name_key

-- name: put_policy
INSERT INTO access_policy (key_name_key, key_name, primary_key, secondary_key, rights)
VALUES (:key_name_key, :key_name, :primary_key, :secondary_key, :rights)
ON CONFLICT (key_name_key) DO UPDATE SET key_name = excluded.key_name, primary_key = excluded.primary_key,
    secondary_key = excluded.secondary_key, rights = excluded.rights

-- The first writer wins, as for the instance.
-- name: create_policy
INSERT INTO access_policy (key_name_key, key_name, primary_key, secondary_key, rights)
VALUES (:key_name_key, :key_name, :primary_key, :secondary_key, :rights)
ON CONFLICT (key_name_key) DO NOTHING

-- name: delete_policy
DELETE FROM access_policy WHERE key_name_key = :key_name_key

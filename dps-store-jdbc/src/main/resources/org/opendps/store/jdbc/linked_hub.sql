-- The hubs linked to the instance, by lower-cased host name.

-- name: list
SELECT host_name, key_name, key, location, allocation_weight, apply_allocation_policy FROM linked_hub
ORDER BY host_name_key

-- name: find
SELECT host_name, key_name, key, location, allocation_weight, apply_allocation_policy FROM linked_hub
WHERE host_name_key = :host_name_key

-- name: put
INSERT INTO linked_hub (host_name_key, host_name, key_name, key, location, allocation_weight, apply_allocation_policy)
VALUES (:host_name_key, :host_name, :key_name, :key, :location, :allocation_weight, :apply_allocation_policy)
ON CONFLICT (host_name_key) DO UPDATE SET host_name = excluded.host_name, key_name = excluded.key_name,
    key = excluded.key, location = excluded.location, allocation_weight = excluded.allocation_weight,
    apply_allocation_policy = excluded.apply_allocation_policy

-- name: delete
DELETE FROM linked_hub WHERE host_name_key = :host_name_key

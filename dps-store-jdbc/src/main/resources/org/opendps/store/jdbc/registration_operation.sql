-- Registration operations by their exact (case-sensitive) operation ID.

-- name: insert
INSERT INTO registration_operation (operation_id, registration_id, registration_id_key, status, created_at, updated_at)
VALUES (:operation_id, :registration_id, :registration_id_key, :status, :created_at, :updated_at)

-- name: find
SELECT operation_id, registration_id, status, created_at, updated_at FROM registration_operation
WHERE operation_id = :operation_id

-- name: update
UPDATE registration_operation SET status = :status, updated_at = :updated_at WHERE operation_id = :operation_id

-- name: any_updated_before
SELECT operation_id FROM registration_operation WHERE updated_at < :cutoff LIMIT 1

-- name: delete_updated_before
-- Neither database takes LIMIT on a DELETE (SQLite only when built for it), hence the subquery: one range of the
-- updated_at index, the oldest first, then each row by its key.
DELETE FROM registration_operation WHERE operation_id IN (
    SELECT operation_id FROM registration_operation WHERE updated_at < :cutoff ORDER BY updated_at LIMIT :limit)

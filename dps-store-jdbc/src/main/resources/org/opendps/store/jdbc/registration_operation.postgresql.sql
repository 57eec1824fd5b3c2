-- PostgreSQL overrides of registration_operation.sql.

-- name: delete_updated_before
-- With IN (subquery) the planner may hash the IDs found and read the whole primary key index to match them. An
-- array of them makes the subquery run once, first, and each row be found through the primary key.
DELETE FROM registration_operation WHERE operation_id = ANY (ARRAY(
    SELECT operation_id FROM registration_operation WHERE updated_at < :cutoff ORDER BY updated_at LIMIT :limit))

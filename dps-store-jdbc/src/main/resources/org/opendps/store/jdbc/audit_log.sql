-- The audit log, newest first when read.

-- name: append
INSERT INTO audit_log (occurred_at, actor, operation, resource, status, error_code)
VALUES (:occurred_at, :actor, :operation, :resource, :status, :error_code)

-- name: list
SELECT sequence, occurred_at, actor, operation, resource, status, error_code FROM audit_log
WHERE sequence < :before ORDER BY sequence DESC LIMIT :limit

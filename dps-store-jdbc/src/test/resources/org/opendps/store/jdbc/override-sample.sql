-- name: shared
SELECT 'shared'
-- name: special
SELECT 'default'

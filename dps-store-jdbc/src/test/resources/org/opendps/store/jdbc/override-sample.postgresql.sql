-- name: special
SELECT 'postgresql'

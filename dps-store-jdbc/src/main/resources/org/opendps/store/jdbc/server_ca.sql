-- The single server_ca row.

-- name: find
SELECT certificate, private_key, created_at FROM server_ca WHERE id = 1

-- The first writer wins, across processes too; the caller reads back whichever row is stored.
-- name: create
INSERT INTO server_ca (id, certificate, private_key, created_at) VALUES (1, :certificate, :private_key, :created_at)
ON CONFLICT (id) DO NOTHING

-- The server's TLS root CA, one per instance, in the database so that every node on a shared database serves
-- certificates the same clients trust, and a backup of the database holds it. Same conventions as V1: instants
-- are BIGINT microseconds. certificate and private_key are PEM (the key PKCS#8). Each node issues its own server
-- certificate from it at startup, for its own host names, and keeps that in memory.
CREATE TABLE server_ca (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    certificate TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The audit log of the service API; see the SQLite twin of this script, which differs only in the sequence.
CREATE TABLE audit_log (
    sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    operation TEXT NOT NULL,
    resource TEXT NOT NULL,
    status INTEGER NOT NULL,
    error_code INTEGER
);

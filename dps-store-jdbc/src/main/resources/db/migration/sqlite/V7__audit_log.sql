-- The audit log of the service API (issue #9): who (policy name), what (operation and resource), when, outcome.
-- Appended to only. The sequence orders entries and pages through them; it is the one column whose type differs
-- between the dialects, hence a script per dialect. Instants are BIGINT microseconds as in V1. No secrets: the
-- resource is a request path, and no body is kept.
CREATE TABLE audit_log (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    operation TEXT NOT NULL,
    resource TEXT NOT NULL,
    status INTEGER NOT NULL,
    error_code INTEGER
);

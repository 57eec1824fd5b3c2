-- How many times a table that nodes cache from was written: enrollment groups (their parsed keys and
-- certificates) and CA certificates (trust anchors). A store bumps its row in the transaction of every write, so a
-- node compares one number before using what it cached, and a change on any node sharing the database is seen
-- by every node at its next read.
CREATE TABLE change_counter (
    name TEXT ${key_collation} PRIMARY KEY,
    changes BIGINT NOT NULL
);

INSERT INTO change_counter (name, changes) VALUES ('enrollment_group', 0);
INSERT INTO change_counter (name, changes) VALUES ('ca_certificate', 0);

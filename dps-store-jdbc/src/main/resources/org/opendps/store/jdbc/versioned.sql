-- The statements every versioned table (individual_enrollment, enrollment_group, registration_state) runs.
-- JdbcVersionedStore fills the braces: {table}; {id_column}, the id as created; {columns} and {values}, every
-- column and its :parameter; {assignments}, "column = :column" for every column a replace changes;
-- {conditions}, one "AND expression = :fN" per filter condition, with the expressions named filter.FIELD in
-- the table's own file. id_key is the lower-cased id; ids are matched and ordered by it alone.

-- name: find
SELECT * FROM {table} WHERE id_key = :id_key

-- ON CONFLICT DO NOTHING (both databases) makes concurrent inserts of one id race-free without an error:
-- PostgreSQL lets the second wait for the first to commit and then reports 0 rows.
-- name: insert
INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT (id_key) DO NOTHING

-- The id and created_at are facts of creation and stay as they are.
-- name: replace
UPDATE {table} SET {assignments} WHERE id_key = :id_key AND version = :expected_version

-- name: delete
DELETE FROM {table} WHERE id_key = :id_key AND version = :expected_version

-- name: delete_any
DELETE FROM {table} WHERE id_key = :id_key

-- name: query
SELECT * FROM {table} WHERE id_key > :after_id{conditions} ORDER BY id_key LIMIT :limit

-- name: count
SELECT COUNT(*) FROM {table}

-- For the tables whose writes are counted (V9): the bump runs in the transaction of the write it counts.
-- name: count_change
UPDATE change_counter SET changes = changes + 1 WHERE name = :table

-- name: change_count
SELECT changes FROM change_counter WHERE name = :table

-- What a query of registration states may filter on; see individual_enrollment.sql.

-- name: filter.REGISTRATION_ID
id_key
-- name: filter.ENROLLMENT_GROUP_ID
enrollment_group_id_key
-- name: filter.DEVICE_ID
device_id_key
-- name: filter.STATUS
LOWER(status)
-- name: filter.ASSIGNED_HUB
LOWER(assigned_hub)

-- What a query of individual enrollments may filter on: the SQL expression compared (with =) to the
-- lower-cased value. Ids compare through their lower-cased key columns, wire names and host names through
-- LOWER(), each backed by an index in V1 (the expression followed by id_key, so that a filtered page is one
-- index range scan).

-- name: filter.REGISTRATION_ID
id_key
-- name: filter.DEVICE_ID
device_id_key
-- name: filter.PROVISIONING_STATUS
LOWER(provisioning_status)
-- name: filter.ATTESTATION_TYPE
LOWER(attestation_type)
-- name: filter.IOT_HUB_HOST_NAME
LOWER(iot_hub_host_name)
-- name: filter.ALLOCATION_POLICY
LOWER(allocation_policy)

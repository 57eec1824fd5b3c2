-- What a query of enrollment groups may filter on; see individual_enrollment.sql.

-- name: filter.ENROLLMENT_GROUP_ID
id_key
-- name: filter.PROVISIONING_STATUS
LOWER(provisioning_status)
-- name: filter.ATTESTATION_TYPE
LOWER(attestation_type)
-- name: filter.IOT_HUB_HOST_NAME
LOWER(iot_hub_host_name)
-- name: filter.ALLOCATION_POLICY
LOWER(allocation_policy)

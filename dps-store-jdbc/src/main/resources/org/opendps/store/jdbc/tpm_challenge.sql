-- TPM challenges, one per registration ID (lower-cased in registration_id_key).

-- name: put
INSERT INTO tpm_challenge (registration_id_key, registration_id, challenge_key, endorsement_key, storage_root_key,
    expires_at, used_at, hub_key)
VALUES (:registration_id_key, :registration_id, :challenge_key, :endorsement_key, :storage_root_key, :expires_at,
    NULL, NULL)
ON CONFLICT (registration_id_key) DO UPDATE SET registration_id = excluded.registration_id,
    challenge_key = excluded.challenge_key, endorsement_key = excluded.endorsement_key,
    storage_root_key = excluded.storage_root_key, expires_at = excluded.expires_at, used_at = NULL, hub_key = NULL

-- name: find
SELECT registration_id, challenge_key, endorsement_key, storage_root_key, expires_at, used_at, hub_key
FROM tpm_challenge WHERE registration_id_key = :registration_id_key

-- name: mark_used
UPDATE tpm_challenge SET used_at = :used_at, hub_key = :hub_key
WHERE registration_id_key = :registration_id_key AND challenge_key = :challenge_key AND used_at IS NULL

-- TPM challenges (TPM attestation, protocol/dps-device.md §3), in the database so that a device may answer on any
-- node. One row per registration ID: a new challenge replaces the previous one. Same conventions as V1:
-- registration_id_key is the lower-cased ID, instants are BIGINT microseconds. The keys are base64; used_at and
-- hub_key stay null until a registration consumes the challenge, which it can do once.
CREATE TABLE tpm_challenge (
    registration_id_key TEXT ${key_collation} PRIMARY KEY,
    registration_id TEXT NOT NULL,
    challenge_key TEXT NOT NULL,
    endorsement_key TEXT NOT NULL,
    storage_root_key TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    hub_key TEXT
);

package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.provisioning.TpmChallenge;
import org.opendps.core.provisioning.TpmChallengeStore;

/** TPM challenges in table {@code tpm_challenge}, one row per registration ID. */
final class JdbcTpmChallengeStore implements TpmChallengeStore {
    private final Database database;
    private final SqlStatements sql;

    JdbcTpmChallengeStore(Database database) {
        this.database = database;
        this.sql = SqlStatements.load("tpm_challenge", database.dialect());
    }

    @Override
    public void put(TpmChallenge challenge) {
        Params params = new Params().text("registration_id_key", JdbcVersionedStore.key(challenge.registrationId()))
                .text("registration_id", challenge.registrationId())
                .text("challenge_key", challenge.challengeKey())
                .text("endorsement_key", challenge.endorsementKey())
                .text("storage_root_key", challenge.storageRootKey())
                .instant("expires_at", challenge.expiresAt());
        database.update("store a TPM challenge", sql.get("put"), params);
    }

    @Override
    public Optional<TpmChallenge> find(String registrationId) {
        Params params = new Params().text("registration_id_key",
                JdbcVersionedStore.key(Objects.requireNonNull(registrationId, "registrationId")));
        return database.query("read a TPM challenge", sql.get("find"), params, JdbcTpmChallengeStore::challenge)
                .stream().findFirst();
    }

    @Override
    public boolean markUsed(String registrationId, String challengeKey, Instant usedAt, String hubKey) {
        Params params = new Params().text("registration_id_key", JdbcVersionedStore.key(registrationId))
                .text("challenge_key", Objects.requireNonNull(challengeKey, "challengeKey"))
                .instant("used_at", Objects.requireNonNull(usedAt, "usedAt"))
                .text("hub_key", Objects.requireNonNull(hubKey, "hubKey"));
        return database.update("use a TPM challenge", sql.get("mark_used"), params) == 1;
    }

    private static TpmChallenge challenge(ResultSet row) throws SQLException {
        return new TpmChallenge(row.getString("registration_id"), row.getString("challenge_key"),
                row.getString("endorsement_key"), row.getString("storage_root_key"), Columns.instant(row, "expires_at"),
                Columns.instant(row, "used_at"), row.getString("hub_key"));
    }
}

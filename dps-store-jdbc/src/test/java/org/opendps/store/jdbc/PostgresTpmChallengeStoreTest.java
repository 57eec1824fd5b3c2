package org.opendps.store.jdbc;

import org.opendps.core.provisioning.TpmChallengeStore;
import org.opendps.testsupport.store.TpmChallengeStoreContract;

class PostgresTpmChallengeStoreTest extends PostgresStoreTestBase implements TpmChallengeStoreContract {
    @Override
    public TpmChallengeStore tpmChallengeStore() {
        return storage.tpmChallenges();
    }
}

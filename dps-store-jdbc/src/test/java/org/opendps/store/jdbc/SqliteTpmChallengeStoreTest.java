package org.opendps.store.jdbc;

import org.opendps.core.provisioning.TpmChallengeStore;
import org.opendps.testsupport.store.TpmChallengeStoreContract;

class SqliteTpmChallengeStoreTest extends SqliteStoreTestBase implements TpmChallengeStoreContract {
    @Override
    public TpmChallengeStore tpmChallengeStore() {
        return storage.tpmChallenges();
    }
}

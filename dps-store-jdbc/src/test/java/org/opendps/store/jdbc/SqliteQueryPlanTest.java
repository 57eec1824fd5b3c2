package org.opendps.store.jdbc;

class SqliteQueryPlanTest extends SqliteStoreTestBase implements QueryPlanContract {
    @Override
    public JdbcStorage storage() {
        return storage;
    }
}

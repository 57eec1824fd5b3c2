package org.opendps.store.jdbc;

class PostgresQueryPlanTest extends PostgresStoreTestBase implements QueryPlanContract {
    @Override
    public JdbcStorage storage() {
        return storage;
    }
}

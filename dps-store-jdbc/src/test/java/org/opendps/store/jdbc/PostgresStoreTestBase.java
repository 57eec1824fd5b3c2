package org.opendps.store.jdbc;

/** The stores in a fresh PostgreSQL schema with a random name, one per test class, dropped afterwards. */
abstract class PostgresStoreTestBase extends JdbcStoreTestBase {
    private String schema;

    @Override
    protected JdbcStorage openStorage() {
        schema = PostgresTestDatabase.createSchema();
        return JdbcStorage.open(PostgresTestDatabase.url(schema));
    }

    @Override
    protected void disposeStorage() {
        if (schema != null) {
            PostgresTestDatabase.dropSchema(schema);
        }
    }
}

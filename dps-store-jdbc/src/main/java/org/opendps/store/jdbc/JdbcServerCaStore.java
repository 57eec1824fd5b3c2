package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.opendps.core.instance.ServerCa;
import org.opendps.core.instance.ServerCaStore;

/** The single {@code server_ca} row. */
final class JdbcServerCaStore implements ServerCaStore {
    private final Database database;
    private final SqlStatements sql;

    JdbcServerCaStore(Database database) {
        this.database = database;
        this.sql = SqlStatements.load("server_ca", database.dialect());
    }

    @Override
    public Optional<ServerCa> find() {
        return database.query("read the server CA", sql.get("find"), new Params(), JdbcServerCaStore::ca).stream()
                .findFirst();
    }

    @Override
    public ServerCa createIfAbsent(ServerCa ca) {
        Params params = new Params().text("certificate", ca.certificatePem()).text("private_key", ca.privateKeyPem())
                .instant("created_at", ca.created());
        database.update("store the server CA", sql.get("create"), params);
        return find().orElseThrow(() -> new StoreException("The server CA row vanished right after it was "
                + "created; is another process deleting it?"));
    }

    private static ServerCa ca(ResultSet row) throws SQLException {
        return new ServerCa(row.getString("certificate"), row.getString("private_key"),
                Columns.instant(row, "created_at"));
    }
}

package org.opendps.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * A data source that passes everything to the real one and keeps every prepared statement it sees, with the values
 * bound to it, so that a test can ask the database how it would run exactly what the stores ran.
 */
final class StatementRecorder {
    /** One parameter setter call ({@code setObject(2, "x", VARCHAR)}), replayable on another statement. */
    record Binding(Method setter, Object[] arguments) {
        void applyTo(PreparedStatement statement) throws SQLException {
            invoke(statement, setter, arguments);
        }
    }

    /** A statement as run: its JDBC text and its bindings in order. */
    record Recorded(String sql, List<Binding> bindings) {
        void bind(PreparedStatement statement) throws SQLException {
            for (Binding binding : bindings) {
                binding.applyTo(statement);
            }
        }
    }

    private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());

    /** Every statement prepared so far, in order. */
    List<Recorded> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (method, args, result) ->
                method.getName().equals("getConnection") ? connection((Connection) result) : result);
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (method, args, result) -> {
            if (method.getName().equals("prepareStatement") && args.length == 1) {
                List<Binding> bindings = new ArrayList<>();
                recorded.add(new Recorded((String) args[0], bindings));
                return statement((PreparedStatement) result, bindings);
            }
            return result;
        });
    }

    private static PreparedStatement statement(PreparedStatement statement, List<Binding> bindings) {
        return proxy(PreparedStatement.class, statement, (method, args, result) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2
                    && args[0] instanceof Integer) {
                bindings.add(new Binding(method, args.clone()));
            }
            return result;
        });
    }

    @FunctionalInterface
    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result) throws SQLException;
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (proxy, method, args) -> after.apply(method, args, invoke(target, method, args));
        return type.cast(Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws SQLException {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

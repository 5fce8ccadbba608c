package dev.spectron.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Statements on {@code contexts}. */
final class ContextTable {
    private ContextTable() {}

    /** Inserts a context; false when it exists already. */
    static boolean insert(Connection c, String name, Instant createdAt) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO contexts (name, created_at)"
                + " VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            st.setString(1, name);
            Columns.instant(st, 2, createdAt);
            return st.executeUpdate() == 1;
        }
    }

    static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM contexts WHERE name = ?)")) {
            st.setString(1, name);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /**
     * True when the context exists, which it then keeps until the transaction ends: the row is
     * locked against deletion ({@code FOR KEY SHARE}, the lock a foreign key takes), and with
     * {@code exclusive} against every other writer of the context too ({@code FOR UPDATE}, for
     * deleting it).
     */
    static boolean lock(Connection c, String name, boolean exclusive) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM contexts WHERE name = ?"
                + (exclusive ? " FOR UPDATE" : " FOR KEY SHARE"))) {
            st.setString(1, name);
            try (ResultSet row = st.executeQuery()) {
                return row.next();
            }
        }
    }

    static List<String> names(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT name FROM contexts ORDER BY name");
                ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /**
     * The first table of {@code tables} that still holds rows of the context, if any. Only
     * parent tables need asking: a turn or a chunk cannot outlive its session or document.
     */
    static java.util.Optional<String> firstWithRows(Connection c, String context,
            List<String> tables) throws SQLException {
        for (String table : tables) {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE context = ?)")) {
                st.setString(1, context);
                try (ResultSet row = st.executeQuery()) {
                    if (row.next() && row.getBoolean(1)) {
                        return java.util.Optional.of(table);
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Deletes a context's entities, key specs, keys and the context itself. */
    static void deleteWithDependents(Connection c, String context) throws SQLException {
        for (String statement : new String[] {"DELETE FROM entities WHERE context = ?",
                "DELETE FROM key_specs WHERE context = ?",
                "DELETE FROM api_keys WHERE context = ?",
                "DELETE FROM contexts WHERE name = ?"}) {
            try (PreparedStatement st = c.prepareStatement(statement)) {
                st.setString(1, context);
                st.executeUpdate();
            }
        }
    }
}

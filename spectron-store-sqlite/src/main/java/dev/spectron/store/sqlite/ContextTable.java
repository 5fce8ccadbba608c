package dev.spectron.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Statements on {@code contexts}. */
final class ContextTable {
    private ContextTable() {}

    /** Inserts a context; false when it exists already. */
    static boolean insert(Connection c, String name, String createdAt) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO contexts (name, created_at)"
                + " VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            st.setString(1, name);
            st.setString(2, createdAt);
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
}

package dev.spectron.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/** Statements on the search index's own tables and what it learns of the database. */
final class IndexSchema {
    /** The first pgvector release with iterative index scans. */
    private static final int[] ITERATIVE_SCAN_SINCE = {0, 8, 0};

    private IndexSchema() {}

    /** The dimension of {@code search_docs.embedding} (a vector column's type modifier). */
    static int dimensions(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT atttypmod FROM pg_attribute"
                + " WHERE attrelid = 'search_docs'::regclass AND attname = 'embedding'");
                ResultSet row = st.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("search_docs has no embedding column");
            }
            return row.getInt(1);
        }
    }

    /** True when the installed pgvector has {@code hnsw.iterative_scan} (0.8.0 and newer). */
    static boolean iterativeScan(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT extversion FROM pg_extension WHERE extname = 'vector'");
                ResultSet row = st.executeQuery()) {
            return row.next() && atLeast(row.getString(1), ITERATIVE_SCAN_SINCE);
        }
    }

    /** True when dotted version {@code version} is at least {@code minimum}. */
    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.split("[.]");
        for (int i = 0; i < minimum.length; i++) {
            int part = i < parts.length ? leadingNumber(parts[i]) : 0;
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }

    private static int leadingNumber(String part) {
        int end = 0;
        while (end < part.length() && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
    }

    /** The watermark, its row locked until the transaction ends. */
    static long lockWatermark(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT seq FROM search_watermark FOR UPDATE");
                ResultSet row = st.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The watermark with its row locked until the transaction ends, or empty when another
     * transaction holds the row ({@code FOR UPDATE SKIP LOCKED}: no waiting).
     */
    static OptionalLong tryLockWatermark(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT seq FROM search_watermark FOR UPDATE SKIP LOCKED");
                ResultSet row = st.executeQuery()) {
            return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
        }
    }

    static long watermark(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT seq FROM search_watermark");
                ResultSet row = st.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    static void setWatermark(Connection c, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE search_watermark SET seq = ?")) {
            st.setLong(1, seq);
            st.executeUpdate();
        }
    }

    /** The recorded embedding model, {@code ""} when none. */
    static String model(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT model_id FROM search_watermark");
                ResultSet row = st.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    static void setModel(Connection c, String model) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE search_watermark SET model_id = ?")) {
            st.setString(1, model);
            st.executeUpdate();
        }
    }

    static long size(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM search_docs");
                ResultSet row = st.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}

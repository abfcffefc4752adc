package io.gladys.reference.memory;

import io.gladys.proto.memory.EpisodicEvent;
import io.gladys.proto.memory.Heuristic;
import io.gladys.proto.memory.HeuristicMatch;
import io.gladys.proto.types.SalienceResult;
import io.gladys.reference.common.TextMatch;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Heuristics and episodic events in PostgreSQL (tables of the bundled migrations). */
public final class HeuristicStore {

    /** Tables whose row counts the memory service reports. */
    public static final List<String> TABLES = List.of("heuristics", "episodic_events", "heuristic_fires");

    private static final String COLUMNS = "id, name, condition_text, confidence, fire_count, source, created_at, updated_at";

    private final DataSource db;

    public HeuristicStore(DataSource db) {
        this.db = db;
    }

    /** Outcome of a store: the id, and whether it created a new heuristic or replaced one. */
    public record Stored(String id, boolean created) {
    }

    public Stored store(Heuristic h) throws SQLException {
        String id = h.getId().isBlank() ? UUID.randomUUID().toString() : h.getId();
        String sql = "INSERT INTO heuristics (id, name, condition_text, confidence, source) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, condition_text = EXCLUDED.condition_text, "
                + "confidence = EXCLUDED.confidence, source = EXCLUDED.source, updated_at = now() "
                + "RETURNING (xmax = 0) AS created";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setString(2, h.getName());
            ps.setString(3, h.getConditionText());
            ps.setFloat(4, h.getConfidence());
            ps.setString(5, h.getSource());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Stored(id, rs.getBoolean(1));
            }
        }
    }

    public Optional<Heuristic> get(String id) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM heuristics WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(heuristic(rs)) : Optional.empty();
            }
        }
    }

    public boolean delete(String id) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM heuristics WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** Heuristics whose condition matches the event text, best score (similarity x confidence) first. */
    public List<HeuristicMatch> match(String eventText, float minConfidence, int limit, String sourceFilter)
            throws SQLException {
        Set<String> words = TextMatch.words(eventText);
        List<HeuristicMatch> matches = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM heuristics WHERE confidence >= ? AND (? = '' OR source = ?)";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFloat(1, minConfidence);
            ps.setString(2, sourceFilter);
            ps.setString(3, sourceFilter);
            ps.setFetchSize(500);
            c.setAutoCommit(false); // the driver streams rows only inside a transaction
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Heuristic h = heuristic(rs);
                    float similarity = TextMatch.similarity(h.getConditionText(), words);
                    if (similarity > 0) {
                        matches.add(HeuristicMatch.newBuilder().setHeuristic(h).setSimilarity(similarity)
                                .setScore(similarity * h.getConfidence()).build());
                    }
                }
            } finally {
                c.commit();
            }
        }
        matches.sort(Comparator.comparingDouble(HeuristicMatch::getScore).reversed()
                .thenComparing(m -> m.getHeuristic().getId()));
        return matches.size() > limit ? new ArrayList<>(matches.subList(0, limit)) : matches;
    }

    /** Stores an event; a matched heuristic gets a fire recorded and its fire count raised, atomically. */
    public String storeEvent(EpisodicEvent e) throws SQLException {
        String id = e.getId().isBlank() ? UUID.randomUUID().toString() : e.getId();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String matched = e.getMatchedHeuristicId().isBlank() ? null : e.getMatchedHeuristicId();
                if (matched != null && !exists(c, matched)) {
                    matched = null; // deleted since it matched: keep the event, drop the link
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO episodic_events (id, timestamp, source, "
                        + "raw_text, salience, threat, habituation, model_id, matched_heuristic_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    SalienceResult s = e.getSalience();
                    ps.setString(1, id);
                    ps.setTimestamp(2, new Timestamp(e.getTimestampMs() > 0 ? e.getTimestampMs() : System.currentTimeMillis()));
                    ps.setString(3, e.getSource());
                    ps.setString(4, e.getRawText());
                    ps.setFloat(5, s.getSalience());
                    ps.setFloat(6, s.getThreat());
                    ps.setFloat(7, s.getHabituation());
                    ps.setString(8, s.getModelId());
                    if (matched == null) {
                        ps.setNull(9, Types.VARCHAR);
                    } else {
                        ps.setString(9, matched);
                    }
                    ps.executeUpdate();
                }
                if (matched != null) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO heuristic_fires (heuristic_id, event_id) VALUES (?, ?)")) {
                        ps.setString(1, matched);
                        ps.setString(2, id);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE heuristics SET fire_count = fire_count + 1 WHERE id = ?")) {
                        ps.setString(1, matched);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return id;
            } catch (SQLException ex) {
                c.rollback();
                throw ex;
            }
        }
    }

    public Optional<EpisodicEvent> getEvent(String id) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, timestamp, source, raw_text, salience, threat, "
                     + "habituation, model_id, matched_heuristic_id FROM episodic_events WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(EpisodicEvent.newBuilder()
                        .setId(rs.getString(1))
                        .setTimestampMs(rs.getTimestamp(2).getTime())
                        .setSource(rs.getString(3))
                        .setRawText(rs.getString(4))
                        .setSalience(SalienceResult.newBuilder().setSalience(rs.getFloat(5)).setThreat(rs.getFloat(6))
                                .setHabituation(rs.getFloat(7)).setModelId(nn(rs.getString(8))))
                        .setMatchedHeuristicId(nn(rs.getString(9)))
                        .build());
            }
        }
    }

    /** Row count per reported table; a missing table is left out. */
    public Map<String, Long> tableCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            for (String t : TABLES) {
                // table names come from the constant list above, never from input
                try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                    ps.setString(1, "public." + t);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            continue;
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + t);
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Whether the schema the service needs is there. */
    public boolean schemaReady() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT to_regclass('public.heuristics') IS NOT NULL "
                     + "AND to_regclass('public.episodic_events') IS NOT NULL "
                     + "AND to_regclass('public.heuristic_fires') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean exists(Connection c, String heuristicId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM heuristics WHERE id = ?")) {
            ps.setString(1, heuristicId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Heuristic heuristic(ResultSet rs) throws SQLException {
        return Heuristic.newBuilder()
                .setId(rs.getString("id"))
                .setName(rs.getString("name"))
                .setConditionText(rs.getString("condition_text"))
                .setConfidence(rs.getFloat("confidence"))
                .setFireCount(rs.getInt("fire_count"))
                .setSource(nn(rs.getString("source")))
                .setCreatedAtMs(rs.getTimestamp("created_at").getTime())
                .setUpdatedAtMs(rs.getTimestamp("updated_at").getTime())
                .build();
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}

-- Schema of the reference memory service: heuristics, the events it stores, and which heuristic
-- fired for which event.
CREATE TABLE heuristics (
    id             TEXT PRIMARY KEY,
    name           TEXT        NOT NULL,
    condition_text TEXT        NOT NULL,
    confidence     REAL        NOT NULL DEFAULT 0.5 CHECK (confidence >= 0 AND confidence <= 1),
    fire_count     INTEGER     NOT NULL DEFAULT 0,
    source         TEXT        NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE episodic_events (
    id                   TEXT PRIMARY KEY,
    timestamp            TIMESTAMPTZ NOT NULL,
    source               TEXT        NOT NULL DEFAULT '',
    raw_text             TEXT        NOT NULL,
    salience             REAL,
    threat               REAL,
    habituation          REAL,
    model_id             TEXT,
    matched_heuristic_id TEXT REFERENCES heuristics (id) ON DELETE SET NULL,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX episodic_events_timestamp_idx ON episodic_events (timestamp);

CREATE TABLE heuristic_fires (
    id           BIGSERIAL PRIMARY KEY,
    heuristic_id TEXT        NOT NULL REFERENCES heuristics (id) ON DELETE CASCADE,
    event_id     TEXT REFERENCES episodic_events (id) ON DELETE CASCADE,
    fired_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX heuristic_fires_heuristic_idx ON heuristic_fires (heuristic_id);

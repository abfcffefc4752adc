UPDATE heuristics SET notes = 'checked' WHERE name LIKE 'M%';
INSERT INTO episodic_events (id, timestamp, raw_text) VALUES ('e1', now(), 'an event');

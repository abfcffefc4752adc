ALTER TABLE heuristics ADD COLUMN notes TEXT;

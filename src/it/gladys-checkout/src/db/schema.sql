-- GLADyS-shaped schema: the final state of the archived migrations
CREATE TABLE heuristics (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    name text NOT NULL,
    condition_text text
);
CREATE TABLE episodic_events (id bigserial PRIMARY KEY, raw_text text NOT NULL);

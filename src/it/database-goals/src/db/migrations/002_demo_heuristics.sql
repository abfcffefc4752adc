-- A handful of demo heuristics, so that a fresh stack has something to match and cache.
INSERT INTO heuristics (id, name, condition_text, confidence, source) VALUES
    ('3f2b9c1e-7a4d-4e0b-9a61-2c5d8e9f0a11', 'Morning greeting pattern', 'good morning greeting', 0.90, 'demo'),
    ('8c41d7a2-5e9f-4b3c-8d20-7f1e6a9b3c22', 'Task reminder trigger', 'remind task deadline', 0.80, 'demo'),
    ('b7e3a915-2c8d-4f6a-b1e4-9d0c3a5f7e33', 'Meeting soon alert', 'meeting starts soon', 0.85, 'demo'),
    ('d9a6f204-8b1c-4e7d-a3f5-1e2b4c6d8f44', 'Low battery warning', 'battery low charge', 0.75, 'demo'),
    ('4e8c2b7f-9d3a-4c1e-b6f2-5a7d9e0b1c55', 'Package delivery notice', 'package delivered door', 0.70, 'demo'),
    ('a15f6e3d-4b2c-4d8a-9e7f-3c1b5d7a9e66', 'Smoke alarm threat', 'smoke alarm kitchen fire', 0.95, 'demo');

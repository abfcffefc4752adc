SELECT name, confidence FROM heuristics ORDER BY name LIMIT 2;

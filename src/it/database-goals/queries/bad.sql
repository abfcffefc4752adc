SELECT name FROM heuristics WHERE confidence > 0.5 ORDER BY nme;

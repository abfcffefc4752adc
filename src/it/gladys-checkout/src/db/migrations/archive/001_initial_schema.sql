CREATE TABLE archived_only (id int);

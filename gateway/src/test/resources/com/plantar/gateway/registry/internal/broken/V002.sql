CREATE TABLE gamma (id INTEGER);
INSERT INTO no_such_table (id) VALUES (1);

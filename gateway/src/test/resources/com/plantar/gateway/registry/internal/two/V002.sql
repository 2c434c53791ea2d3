-- beta, with a row
CREATE TABLE beta (id INTEGER PRIMARY KEY);
INSERT INTO beta (id) VALUES (1);

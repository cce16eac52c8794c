-- Rows that arrived in this book because they moved into the person's territory (issue 21).
-- An arrival is not an edit, so it is not in change_log; but it is the server's value of every
-- field as of its position, which taking back a refused change of this book needs to know.
CREATE TABLE sync_arrivals (
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (table_name, row_id)
);

-- The session token leaves the book (issue 21 follow-up): a book file is copied, backed up and
-- mailed, so it must not carry a live credential. The token lives in the machine's secret store
-- under a key made of the server's address and this random reference, which says nothing by
-- itself. A token still in sync_state.token (a book from before) is moved out on open.
ALTER TABLE sync_state ADD COLUMN session_ref TEXT;

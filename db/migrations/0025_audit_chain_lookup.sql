-- The chain trigger's "newest link" lookup, planned afresh on every insert. A static query in a
-- PL/pgSQL function keeps the plan made on its first call for the life of the session; on a fresh
-- database (a few audit rows) that plan is a sequential scan and sort, and PGlite's one session
-- kept it until the first VACUUM ANALYZE, so each audit insert read the whole log: 0.4 ms at 500
-- rows, 3.1 ms at 8,500, growing with every request. Planned per call (EXECUTE), the lookup
-- walks the chain_seq index from its end at any size. Same locking and hashing as 0007.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(727003);
  EXECUTE 'SELECT chain_seq, hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1' INTO last_seq, last_hash;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := audit_log_row_hash(NEW.prev_hash, NEW);
  RETURN NEW;
END
$$;

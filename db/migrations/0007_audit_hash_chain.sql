-- Hash chain over the append-only audit log. Each row gets the next chain_seq, the previous row's
-- hash as prev_hash, and hash = sha256(prev_hash || canonical row text). Editing, removing or
-- reordering a row breaks every link after it; `npm run audit:verify` finds the first broken one.
-- sha256(bytea) is built in since PostgreSQL 11 (no pgcrypto), so this runs on PostgreSQL 15 and PGlite.

-- The canonical text: a JSON array of every column except the chain columns that depend on it.
-- Timestamps in UTC with microseconds, so the text does not depend on the session's TimeZone or
-- DateStyle; jsonb's own text form is deterministic (keys sorted, whitespace normalised).
CREATE OR REPLACE FUNCTION audit_log_canonical(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    r.chain_seq,
    r.id,
    to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    r.actor_user_id,
    r.actor_role,
    r.jurisdiction_id,
    r.action,
    r.entity_type,
    r.entity_id,
    r.outcome,
    r.ip,
    r.details,
    r.actor_api_token_id
  )::text
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_row_hash(prev text, r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev || audit_log_canonical(r), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Back-fill rows written before the chain existed, oldest first. UPDATE is refused by the
-- append-only trigger, so it is switched off for this one-time step only.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  r record;
  prev text := repeat('0', 64);
  seq bigint := 0;
BEGIN
  FOR r IN SELECT id FROM audit_log ORDER BY id LOOP
    seq := seq + 1;
    UPDATE audit_log SET chain_seq = seq, prev_hash = prev WHERE id = r.id;
    UPDATE audit_log a SET hash = audit_log_row_hash(a.prev_hash, a) WHERE a.id = r.id RETURNING a.hash INTO prev;
  END LOOP;
END
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN chain_seq SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL;
--> statement-breakpoint
-- Two rows can never claim the same place in the chain: a fork (e.g. a REPEATABLE READ
-- transaction that could not see the newest link) fails loudly instead of corrupting the chain.
CREATE UNIQUE INDEX audit_log_chain_seq_key ON audit_log (chain_seq);
--> statement-breakpoint
-- Serialised by a transaction-level advisory lock: concurrent writers take turns from their audit
-- insert until they commit, and each one then sees the link committed before it (READ COMMITTED
-- takes a fresh snapshot per statement). The lock key is shared by no other code.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(727003);
  SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := audit_log_row_hash(NEW.prev_hash, NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain
  BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- Keep case_status_counts equal to `select jurisdiction_id, status, count(*) from cases group by 1, 2`
-- in the same transaction as every change to cases. Statement-level triggers with transition tables:
-- a bulk insert of 5,000 cases costs one upsert, not 5,000. Decrements are applied by UPDATE and
-- increments by upsert, each in (jurisdiction, status) order so concurrent writers lock rows in the
-- same order. An UPDATE that leaves status and jurisdiction alone changes nothing and locks nothing.
CREATE OR REPLACE FUNCTION case_status_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH d AS (SELECT jurisdiction_id, status, count(*)::int AS n FROM new_rows GROUP BY 1, 2)
    , dec AS (
      UPDATE case_status_counts c SET n = c.n + d.n FROM d
      WHERE d.n < 0 AND c.jurisdiction_id = d.jurisdiction_id AND c.status = d.status RETURNING 1
    )
    INSERT INTO case_status_counts (jurisdiction_id, status, n)
      SELECT jurisdiction_id, status, n FROM d WHERE n > 0 ORDER BY jurisdiction_id, status
      ON CONFLICT (jurisdiction_id, status) DO UPDATE SET n = case_status_counts.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (SELECT jurisdiction_id, status, -count(*)::int AS n FROM old_rows GROUP BY 1, 2)
    , dec AS (
      UPDATE case_status_counts c SET n = c.n + d.n FROM d
      WHERE d.n < 0 AND c.jurisdiction_id = d.jurisdiction_id AND c.status = d.status RETURNING 1
    )
    INSERT INTO case_status_counts (jurisdiction_id, status, n)
      SELECT jurisdiction_id, status, n FROM d WHERE n > 0 ORDER BY jurisdiction_id, status
      ON CONFLICT (jurisdiction_id, status) DO UPDATE SET n = case_status_counts.n + excluded.n;
  ELSE
    WITH d AS (
      SELECT jurisdiction_id, status, sum(n)::int AS n FROM (
        SELECT jurisdiction_id, status, 1 AS n FROM new_rows
        UNION ALL
        SELECT jurisdiction_id, status, -1 FROM old_rows
      ) x GROUP BY 1, 2 HAVING sum(n) <> 0
    )
    , dec AS (
      UPDATE case_status_counts c SET n = c.n + d.n FROM d
      WHERE d.n < 0 AND c.jurisdiction_id = d.jurisdiction_id AND c.status = d.status RETURNING 1
    )
    INSERT INTO case_status_counts (jurisdiction_id, status, n)
      SELECT jurisdiction_id, status, n FROM d WHERE n > 0 ORDER BY jurisdiction_id, status
      ON CONFLICT (jurisdiction_id, status) DO UPDATE SET n = case_status_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_status_counts_ins AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_status_counts_apply();
--> statement-breakpoint
CREATE TRIGGER cases_status_counts_upd AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_status_counts_apply();
--> statement-breakpoint
CREATE TRIGGER cases_status_counts_del AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_status_counts_apply();
--> statement-breakpoint
INSERT INTO case_status_counts (jurisdiction_id, status, n)
  SELECT jurisdiction_id, status, count(*) FROM cases GROUP BY 1, 2
  ON CONFLICT (jurisdiction_id, status) DO UPDATE SET n = excluded.n;

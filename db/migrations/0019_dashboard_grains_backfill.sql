-- Fill the jurisdiction-wide grain from the per-place grain for databases that already hold
-- cases (the app rebuilds both from case_facts when either is empty, but a migrated database
-- should be right at once). referred_day minus its day of month plus one is the month's 1st.
INSERT INTO "dashboard_periods" ("jurisdiction_id", "grain", "period_start", "race", "ethnicity", "sex", "age_band",
  "referred", "screened", "eligible", "ineligible", "needs_review", "offered", "accepted", "attended", "missed", "completed", "returned", "closed_after_accept")
SELECT d."jurisdiction_id", g.grain, g.period_start, d."race", d."ethnicity", d."sex", d."age_band",
  sum(d."referred"), sum(d."screened"), sum(d."eligible"), sum(d."ineligible"), sum(d."needs_review"), sum(d."offered"),
  sum(d."accepted"), sum(d."attended"), sum(d."missed"), sum(d."completed"), sum(d."returned"), sum(d."closed_after_accept")
FROM "dashboard_daily" d
CROSS JOIN LATERAL (VALUES ('day', d."referred_day"), ('month', d."referred_day" - extract(day from d."referred_day")::int + 1)) AS g(grain, period_start)
GROUP BY 1, 2, 3, 4, 5, 6, 7
ORDER BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO "dashboard_period_tallies" ("jurisdiction_id", "measure", "grain", "period_start", "value", "count")
SELECT d."jurisdiction_id", d."measure", g.grain, g.period_start, d."value", sum(d."count")
FROM "dashboard_tallies" d
CROSS JOIN LATERAL (VALUES ('day', d."referred_day"), ('month', d."referred_day" - extract(day from d."referred_day")::int + 1)) AS g(grain, period_start)
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5;

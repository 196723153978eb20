ALTER TABLE "case_facts" ADD COLUMN "obligations_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_facts" ADD COLUMN "obligations_complete" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_facts" ADD COLUMN "obligations_open_due" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_obligations_add_up" CHECK ("case_facts"."obligations_complete" between 0 and "case_facts"."obligations_total" and cardinality("case_facts"."obligations_open_due") = "case_facts"."obligations_total" - "case_facts"."obligations_complete");--> statement-breakpoint
-- Backfill the obligations of every case with a signed agreement (the rule of obligationFacts in
-- db/queries/case-facts.ts: check-in hearings excluded; complete when verified progress on the
-- item's lineage reaches its target).
UPDATE "case_facts" f SET "obligations_total" = o.total, "obligations_complete" = o.complete, "obligations_open_due" = o.open_due
FROM (
  SELECT a.case_id, count(*)::int AS total,
    count(*) FILTER (WHERE v.done >= i.target_quantity)::int AS complete,
    coalesce(array_agg(i.due_on ORDER BY i.due_on) FILTER (WHERE v.done < i.target_quantity), '{}') AS open_due
  FROM "agreements" a
  JOIN "agreement_items" i ON i.agreement_id = a.id AND i.kind <> 'check_in_hearing'
  CROSS JOIN LATERAL (SELECT coalesce(sum(pe.quantity), 0) AS done FROM "progress_entries" pe WHERE pe.lineage_id = i.lineage_id AND pe.status = 'verified') v
  WHERE a.status = 'signed'
  GROUP BY a.case_id
) o
WHERE f.case_id = o.case_id;

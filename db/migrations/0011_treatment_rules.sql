-- Treatment referral lifecycle as data (mirrors lib/domain/treatment-lifecycle.ts) and the rules the
-- database keeps even if the app forgets: a status moves only along that table, and the
-- attestation history and the accounting of disclosures are append-only.
INSERT INTO "treatment_status_transitions" ("from_status", "to_status") VALUES
  ('referred', 'intake_scheduled'), ('referred', 'declined'), ('referred', 'discharged'),
  ('intake_scheduled', 'attended_intake'), ('intake_scheduled', 'declined'), ('intake_scheduled', 'discharged'),
  ('attended_intake', 'engaged'), ('attended_intake', 'completed'), ('attended_intake', 'discharged'),
  ('engaged', 'completed'), ('engaged', 'discharged');
--> statement-breakpoint
CREATE FUNCTION treatment_referral_move_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
    SELECT 1 FROM treatment_status_transitions t WHERE t.from_status = OLD.status AND t.to_status = NEW.status
  ) THEN
    RAISE EXCEPTION 'treatment referral cannot move from % to %', OLD.status, NEW.status USING ERRCODE = '23514';
  END IF;
  IF NEW.case_id <> OLD.case_id OR NEW.provider_id <> OLD.provider_id OR NEW.jurisdiction_id <> OLD.jurisdiction_id THEN
    RAISE EXCEPTION 'a treatment referral keeps its case and provider' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER treatment_referrals_move_check BEFORE UPDATE ON treatment_referrals FOR EACH ROW EXECUTE FUNCTION treatment_referral_move_check();
--> statement-breakpoint
CREATE FUNCTION treatment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER part2_disclosures_append_only BEFORE UPDATE OR DELETE ON part2_disclosures FOR EACH ROW EXECUTE FUNCTION treatment_append_only();
--> statement-breakpoint
CREATE TRIGGER treatment_referral_events_append_only BEFORE UPDATE OR DELETE ON treatment_referral_events FOR EACH ROW EXECUTE FUNCTION treatment_append_only();

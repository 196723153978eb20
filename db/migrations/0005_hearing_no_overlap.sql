-- No double booking, enforced by the database (btree_gist from 0001 lets EXCLUDE mix = and &&).
-- Cancelled and postponed hearings (active = false) hold no time.
ALTER TABLE hearings ADD CONSTRAINT hearings_participant_no_overlap
  EXCLUDE USING gist (participant_id WITH =, during WITH &&) WHERE (active);
--> statement-breakpoint
ALTER TABLE hearings ADD CONSTRAINT hearings_venue_no_overlap
  EXCLUDE USING gist (venue_id WITH =, during WITH &&) WHERE (active);
--> statement-breakpoint
ALTER TABLE hearing_panelists ADD CONSTRAINT hearing_panelists_volunteer_no_overlap
  EXCLUDE USING gist (user_id WITH =, during WITH &&) WHERE (active);
--> statement-breakpoint
-- A seat copies its hearing's time and active flag, so the per-volunteer rule above can see them.
CREATE OR REPLACE FUNCTION hearing_panelists_copy_hearing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  h_during tstzrange;
  h_active boolean;
BEGIN
  SELECT during, active INTO h_during, h_active FROM hearings WHERE id = NEW.hearing_id;
  NEW.during := h_during;
  NEW.active := h_active AND NEW.removed_at IS NULL;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hearing_panelists_copy_hearing
  BEFORE INSERT OR UPDATE OF hearing_id, removed_at, during, active ON hearing_panelists
  FOR EACH ROW EXECUTE FUNCTION hearing_panelists_copy_hearing();
--> statement-breakpoint
-- When a hearing moves or is cancelled, its seats move with it in the same statement.
CREATE OR REPLACE FUNCTION hearings_sync_panelists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.during IS DISTINCT FROM OLD.during OR NEW.active IS DISTINCT FROM OLD.active THEN
    UPDATE hearing_panelists SET during = NEW.during, active = NEW.active AND removed_at IS NULL
      WHERE hearing_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hearings_sync_panelists
  AFTER UPDATE ON hearings
  FOR EACH ROW EXECUTE FUNCTION hearings_sync_panelists();

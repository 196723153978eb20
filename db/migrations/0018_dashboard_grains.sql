CREATE TABLE "dashboard_period_tallies" (
	"jurisdiction_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"period_start" date NOT NULL,
	"measure" text NOT NULL,
	"value" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_period_tallies_key" UNIQUE("jurisdiction_id","measure","grain","period_start","value"),
	CONSTRAINT "dashboard_period_tallies_grain" CHECK ("dashboard_period_tallies"."grain" in ('day', 'month')),
	CONSTRAINT "dashboard_period_tallies_month_start" CHECK ("dashboard_period_tallies"."grain" = 'day' or extract(day from "dashboard_period_tallies"."period_start") = 1)
);
--> statement-breakpoint
CREATE TABLE "dashboard_periods" (
	"jurisdiction_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"period_start" date NOT NULL,
	"race" "race" NOT NULL,
	"ethnicity" "ethnicity" NOT NULL,
	"sex" "sex" NOT NULL,
	"age_band" text NOT NULL,
	"referred" integer DEFAULT 0 NOT NULL,
	"screened" integer DEFAULT 0 NOT NULL,
	"eligible" integer DEFAULT 0 NOT NULL,
	"ineligible" integer DEFAULT 0 NOT NULL,
	"needs_review" integer DEFAULT 0 NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL,
	"missed" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"closed_after_accept" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_periods_cell_key" UNIQUE("jurisdiction_id","grain","period_start","race","ethnicity","sex","age_band"),
	CONSTRAINT "dashboard_periods_grain" CHECK ("dashboard_periods"."grain" in ('day', 'month')),
	CONSTRAINT "dashboard_periods_month_start" CHECK ("dashboard_periods"."grain" = 'day' or extract(day from "dashboard_periods"."period_start") = 1)
);
--> statement-breakpoint
ALTER TABLE "dashboard_period_tallies" ADD CONSTRAINT "dashboard_period_tallies_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_periods" ADD CONSTRAINT "dashboard_periods_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_facts_active_board_idx" ON "case_facts" USING btree ("jurisdiction_id","board_id") WHERE status in ('accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress');--> statement-breakpoint
CREATE INDEX "case_facts_waiting_idx" ON "case_facts" USING btree ("jurisdiction_id","referred_at","case_id") WHERE status in ('accepted', 'assigned', 'hearing_scheduled') and first_hearing_at is null;
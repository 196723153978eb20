CREATE TABLE "dashboard_daily" (
	"jurisdiction_id" uuid NOT NULL,
	"board_id" uuid,
	"neighborhood" text,
	"referred_day" date NOT NULL,
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
	CONSTRAINT "dashboard_daily_cell_key" UNIQUE NULLS NOT DISTINCT("jurisdiction_id","referred_day","board_id","neighborhood","race","ethnicity","sex","age_band")
);
--> statement-breakpoint
CREATE TABLE "dashboard_tallies" (
	"jurisdiction_id" uuid NOT NULL,
	"board_id" uuid,
	"neighborhood" text,
	"referred_day" date NOT NULL,
	"measure" text NOT NULL,
	"value" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_tallies_key" UNIQUE NULLS NOT DISTINCT("jurisdiction_id","measure","referred_day","board_id","neighborhood","value")
);
--> statement-breakpoint
ALTER TABLE "dashboard_daily" ADD CONSTRAINT "dashboard_daily_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_daily" ADD CONSTRAINT "dashboard_daily_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_tallies" ADD CONSTRAINT "dashboard_tallies_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_tallies" ADD CONSTRAINT "dashboard_tallies_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dashboard_tallies_board_idx" ON "dashboard_tallies" USING btree ("jurisdiction_id","board_id","measure","referred_day");--> statement-breakpoint
CREATE INDEX "case_assignments_case_idx" ON "case_assignments" USING btree ("case_id","assigned_at");--> statement-breakpoint
CREATE INDEX "case_offers_case_idx" ON "case_offers" USING btree ("case_id","status");
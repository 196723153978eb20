CREATE TYPE "public"."closure_outcome" AS ENUM('completed', 'unsuccessful', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."final_action" AS ENUM('declined_to_file', 'dismissed', 'refiled');--> statement-breakpoint
CREATE TYPE "public"."unsuccessful_reason" AS ENUM('repeated_no_shows', 'obligations_not_met', 'new_violent_referral', 'participant_request');--> statement-breakpoint
CREATE TABLE "case_closures" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"outcome" "closure_outcome" NOT NULL,
	"reason_code" "unsuccessful_reason",
	"summary" text DEFAULT '' NOT NULL,
	"closed_by_user_id" uuid,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"final_action" "final_action",
	"final_action_note" text,
	"refile_window_until" date,
	"final_action_by_user_id" uuid,
	"final_action_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "case_closures_reason_iff_unsuccessful" CHECK (("case_closures"."outcome" = 'unsuccessful') = ("case_closures"."reason_code" is not null)),
	CONSTRAINT "case_closures_summary_when_returned" CHECK ("case_closures"."outcome" = 'completed' or length(btrim("case_closures"."summary")) >= 10),
	CONSTRAINT "case_closures_final_action_time" CHECK (("case_closures"."final_action" is null) = ("case_closures"."final_action_at" is null))
);
--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_final_action_by_user_id_users_id_fk" FOREIGN KEY ("final_action_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_closures_queue_idx" ON "case_closures" USING btree ("jurisdiction_id","closed_at") WHERE "case_closures"."outcome" <> 'completed' and "case_closures"."final_action" is null;
CREATE TABLE "case_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"board_id" uuid,
	"neighborhood" text,
	"race" "race" NOT NULL,
	"ethnicity" "ethnicity" NOT NULL,
	"sex" "sex" NOT NULL,
	"age_band" text NOT NULL,
	"referred_at" timestamp with time zone NOT NULL,
	"referred_day" date NOT NULL,
	"status" "case_status" NOT NULL,
	"screening_decision" "screening_decision",
	"ineligible_reasons" text[] DEFAULT '{}' NOT NULL,
	"offered" boolean DEFAULT false NOT NULL,
	"accepted" boolean DEFAULT false NOT NULL,
	"first_hearing_at" timestamp with time zone,
	"days_to_first_hearing" integer,
	"hearings_attended" integer DEFAULT 0 NOT NULL,
	"hearings_missed" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"return_reason" "return_reason",
	"days_to_completion" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_facts_jurisdiction_referred_idx" ON "case_facts" USING btree ("jurisdiction_id","referred_day");--> statement-breakpoint
CREATE INDEX "case_facts_participant_idx" ON "case_facts" USING btree ("participant_id","referred_at");--> statement-breakpoint
CREATE INDEX "case_facts_jurisdiction_status_idx" ON "case_facts" USING btree ("jurisdiction_id","status");
CREATE TYPE "public"."referral_channel" AS ENUM('form', 'csv', 'api');--> statement-breakpoint
CREATE TYPE "public"."screening_decision" AS ENUM('eligible', 'ineligible', 'needs_review');--> statement-breakpoint
CREATE TYPE "public"."screening_source" AS ENUM('engine', 'override');--> statement-breakpoint
CREATE TYPE "public"."tri_state" AS ENUM('yes', 'no', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('open', 'accepted', 'declined', 'expired', 'withdrawn');--> statement-breakpoint
CREATE TABLE "referral_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"channel" "referral_channel" NOT NULL,
	"weapon_involved" "tri_state" DEFAULT 'unknown' NOT NULL,
	"violence_involved" "tri_state" DEFAULT 'unknown' NOT NULL,
	"drug_quantity_grams" double precision,
	"active_protection_order" "tri_state" DEFAULT 'unknown' NOT NULL,
	"criminal_history_checked" boolean DEFAULT false NOT NULL,
	"last_violent_offense_date" date,
	"last_failed_diversion_date" date
);
--> statement-breakpoint
CREATE TABLE "screening_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"policy_version" integer NOT NULL,
	"source" "screening_source" NOT NULL,
	"decision" "screening_decision" NOT NULL,
	"results" jsonb NOT NULL,
	"reason" text NOT NULL,
	"actor_user_id" uuid,
	"actor_role" "role",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_decisions_override_reason" CHECK ("screening_decisions"."source" <> 'override' or length(btrim("screening_decisions"."reason")) >= 10),
	CONSTRAINT "screening_decisions_override_decides" CHECK ("screening_decisions"."source" <> 'override' or "screening_decisions"."decision" <> 'needs_review')
);
--> statement-breakpoint
CREATE TABLE "screening_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"diverts_cases" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_policies_jurisdiction_version_key" UNIQUE("jurisdiction_id","version"),
	CONSTRAINT "screening_policies_version_positive" CHECK ("screening_policies"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "case_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"status" "offer_status" DEFAULT 'open' NOT NULL,
	"responded_at" timestamp with time zone,
	"responded_by_user_id" uuid,
	"responded_by_role" "role",
	"note" text,
	CONSTRAINT "case_offers_deadline_after_offer" CHECK ("case_offers"."deadline_at" > "case_offers"."offered_at"),
	CONSTRAINT "case_offers_closed_has_time" CHECK (("case_offers"."status" = 'open') = ("case_offers"."responded_at" is null))
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "case_charges" ADD COLUMN "weapon" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_api_token_id" uuid;--> statement-breakpoint
ALTER TABLE "referral_facts" ADD CONSTRAINT "referral_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_policy_id_screening_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."screening_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_policies" ADD CONSTRAINT "screening_policies_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_policies" ADD CONSTRAINT "screening_policies_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_offers" ADD CONSTRAINT "case_offers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_offers" ADD CONSTRAINT "case_offers_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_offers" ADD CONSTRAINT "case_offers_responded_by_user_id_users_id_fk" FOREIGN KEY ("responded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_revoked_by_user_id_users_id_fk" FOREIGN KEY ("revoked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "screening_decisions_case_idx" ON "screening_decisions" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "screening_decisions_overrides_idx" ON "screening_decisions" USING btree ("jurisdiction_id","created_at") WHERE "screening_decisions"."source" = 'override';--> statement-breakpoint
CREATE UNIQUE INDEX "case_offers_one_open_key" ON "case_offers" USING btree ("case_id") WHERE "case_offers"."status" = 'open';--> statement-breakpoint
CREATE INDEX "case_offers_open_deadline_idx" ON "case_offers" USING btree ("deadline_at") WHERE "case_offers"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_jurisdiction_idx" ON "api_tokens" USING btree ("jurisdiction_id");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_api_token_id_api_tokens_id_fk" FOREIGN KEY ("actor_api_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_jurisdiction_closed_idx" ON "cases" USING btree ("jurisdiction_id","closed_at","id") WHERE "cases"."closed_at" is not null;
CREATE TYPE "public"."locale" AS ENUM('en', 'es');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'coordinator', 'prosecutor', 'volunteer', 'participant', 'provider');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('member', 'chair');--> statement-breakpoint
CREATE TYPE "public"."ethnicity" AS ENUM('hispanic', 'not_hispanic', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."race" AS ENUM('american_indian', 'asian', 'black', 'pacific_islander', 'white', 'multiracial', 'other', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('female', 'male', 'another', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('referred', 'needs_review', 'ineligible', 'eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed', 'returned');--> statement-breakpoint
CREATE TYPE "public"."return_reason" AS ENUM('ineligible', 'declined', 'no_response', 'unsuccessful', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'failure', 'denied');--> statement-breakpoint
CREATE TABLE "jurisdictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"state" text DEFAULT 'MO' NOT NULL,
	"time_zone" text NOT NULL,
	"settings" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "jurisdictions_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_email_shape" CHECK (position('@' in "users"."email") > 1)
);
--> statement-breakpoint
CREATE TABLE "board_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"board_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"zip" text NOT NULL,
	"neighborhood" text NOT NULL,
	CONSTRAINT "board_areas_jurisdiction_zip_key" UNIQUE("jurisdiction_id","zip"),
	CONSTRAINT "board_areas_zip_shape" CHECK ("board_areas"."zip" ~ '^[0-9]{5}$')
);
--> statement-breakpoint
CREATE TABLE "board_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"board_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "membership_role" DEFAULT 'member' NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "board_memberships_board_user_key" UNIQUE("board_id","user_id"),
	CONSTRAINT "board_memberships_term_order" CHECK ("board_memberships"."term_end" > "board_memberships"."term_start")
);
--> statement-breakpoint
CREATE TABLE "boards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"name" text NOT NULL,
	"language" "locale" DEFAULT 'en' NOT NULL,
	"monthly_capacity" integer DEFAULT 12 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "boards_jurisdiction_name_key" UNIQUE("jurisdiction_id","name"),
	CONSTRAINT "boards_capacity_positive" CHECK ("boards"."monthly_capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"phone" text,
	"email" text,
	"address_line" text,
	"zip" text NOT NULL,
	"preferred_language" "locale" DEFAULT 'en' NOT NULL,
	"race" "race" DEFAULT 'unknown' NOT NULL,
	"ethnicity" "ethnicity" DEFAULT 'unknown' NOT NULL,
	"sex" "sex" DEFAULT 'unknown' NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "participants_zip_shape" CHECK ("participants"."zip" ~ '^[0-9]{5}$')
);
--> statement-breakpoint
CREATE TABLE "case_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by_user_id" uuid,
	"reason" text NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "case_assignments_end_after_start" CHECK ("case_assignments"."ended_at" is null or "case_assignments"."ended_at" >= "case_assignments"."assigned_at")
);
--> statement-breakpoint
CREATE TABLE "case_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"severity" text NOT NULL,
	"violent" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor_user_id" uuid,
	"actor_role" "role",
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"external_case_number" text NOT NULL,
	"police_report_number" text,
	"referring_agency" text NOT NULL,
	"incident_date" date NOT NULL,
	"referred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"referred_by_user_id" uuid,
	"summary" text DEFAULT '' NOT NULL,
	"status" "case_status" DEFAULT 'referred' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"return_reason" "return_reason",
	"first_hearing_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_jurisdiction_external_key" UNIQUE("jurisdiction_id","external_case_number"),
	CONSTRAINT "cases_return_reason_iff_returned" CHECK (("cases"."status" = 'returned') = ("cases"."return_reason" is not null)),
	CONSTRAINT "cases_version_positive" CHECK ("cases"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "charge_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"severity" text NOT NULL,
	"violent" boolean DEFAULT false NOT NULL,
	"weapon" boolean DEFAULT false NOT NULL,
	CONSTRAINT "charge_codes_jurisdiction_code_key" UNIQUE("jurisdiction_id","code")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_role" "role",
	"jurisdiction_id" uuid,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"outcome" "audit_outcome" DEFAULT 'success' NOT NULL,
	"ip" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_areas" ADD CONSTRAINT "board_areas_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_areas" ADD CONSTRAINT "board_areas_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_memberships" ADD CONSTRAINT "board_memberships_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_memberships" ADD CONSTRAINT "board_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_assigned_by_user_id_users_id_fk" FOREIGN KEY ("assigned_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_charges" ADD CONSTRAINT "case_charges_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_referred_by_user_id_users_id_fk" FOREIGN KEY ("referred_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charge_codes" ADD CONSTRAINT "charge_codes_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_jurisdiction_role_idx" ON "users" USING btree ("jurisdiction_id","role");--> statement-breakpoint
CREATE INDEX "board_memberships_user_idx" ON "board_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_user_key" ON "participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "participants_identity_idx" ON "participants" USING btree ("jurisdiction_id",lower("last_name"),"date_of_birth");--> statement-breakpoint
CREATE UNIQUE INDEX "case_assignments_one_open_key" ON "case_assignments" USING btree ("case_id") WHERE "case_assignments"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "case_assignments_board_open_idx" ON "case_assignments" USING btree ("board_id") WHERE "case_assignments"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "case_charges_case_idx" ON "case_charges" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "cases_jurisdiction_status_idx" ON "cases" USING btree ("jurisdiction_id","status","referred_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "cases_jurisdiction_referred_idx" ON "cases" USING btree ("jurisdiction_id","referred_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "cases_participant_idx" ON "cases" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "audit_log_jurisdiction_time_idx" ON "audit_log" USING btree ("jurisdiction_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_time_idx" ON "audit_log" USING btree ("actor_user_id","occurred_at");
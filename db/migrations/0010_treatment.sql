CREATE TYPE "public"."consent_expiry_event" AS ENUM('final_disposition');--> statement-breakpoint
CREATE TYPE "public"."consent_recipient_kind" AS ENUM('prosecutor_office', 'program', 'board');--> statement-breakpoint
CREATE TYPE "public"."consent_revoked_by" AS ENUM('participant', 'coordinator_on_written_request');--> statement-breakpoint
CREATE TYPE "public"."disclosure_channel" AS ENUM('staff_case_page', 'board_case_page', 'api');--> statement-breakpoint
CREATE TYPE "public"."provider_service" AS ENUM('assessment', 'outpatient', 'intensive_outpatient', 'residential', 'medication', 'peer_support', 'recovery_housing');--> statement-breakpoint
CREATE TYPE "public"."treatment_status" AS ENUM('referred', 'intake_scheduled', 'attended_intake', 'engaged', 'completed', 'discharged', 'declined');--> statement-breakpoint
CREATE TABLE "part2_consent_recipients" (
	"consent_id" uuid NOT NULL,
	"kind" "consent_recipient_kind" NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "part2_consent_recipients_consent_id_kind_pk" PRIMARY KEY("consent_id","kind"),
	CONSTRAINT "part2_consent_recipients_name" CHECK (length(btrim("part2_consent_recipients"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "part2_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"patient_name" text NOT NULL,
	"discloser" text NOT NULL,
	"provider_id" uuid,
	"information" text NOT NULL,
	"purpose" text NOT NULL,
	"revocation" text NOT NULL,
	"expires_on" date,
	"expiry_event" "consent_expiry_event",
	"signature" text NOT NULL,
	"signed_on" date NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_by_user_id" uuid NOT NULL,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" "consent_revoked_by",
	"revoked_by_user_id" uuid,
	"revocation_request" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "part2_consents_patient" CHECK (length(btrim("part2_consents"."patient_name")) > 0),
	CONSTRAINT "part2_consents_discloser" CHECK (length(btrim("part2_consents"."discloser")) > 0),
	CONSTRAINT "part2_consents_information" CHECK (length(btrim("part2_consents"."information")) > 0),
	CONSTRAINT "part2_consents_purpose" CHECK (length(btrim("part2_consents"."purpose")) > 0),
	CONSTRAINT "part2_consents_revocation" CHECK (length(btrim("part2_consents"."revocation")) > 0),
	CONSTRAINT "part2_consents_signature" CHECK (length(btrim("part2_consents"."signature")) > 0),
	CONSTRAINT "part2_consents_expiry" CHECK ("part2_consents"."expires_on" is not null or "part2_consents"."expiry_event" is not null),
	CONSTRAINT "part2_consents_expiry_after_signing" CHECK ("part2_consents"."expires_on" is null or "part2_consents"."expires_on" > "part2_consents"."signed_on"),
	CONSTRAINT "part2_consents_revocation_whole" CHECK (("part2_consents"."revoked_at" is null) = ("part2_consents"."revoked_by" is null)),
	CONSTRAINT "part2_consents_written_request" CHECK ("part2_consents"."revoked_by" is distinct from 'coordinator_on_written_request' or length(btrim(coalesce("part2_consents"."revocation_request", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "part2_disclosures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"recipient_kind" "consent_recipient_kind" NOT NULL,
	"recipient_user_id" uuid,
	"recipient_api_token_id" uuid,
	"recipient_role" "role" NOT NULL,
	"channel" "disclosure_channel" NOT NULL,
	"what" text NOT NULL,
	"disclosed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "part2_disclosures_recipient" CHECK ("part2_disclosures"."recipient_user_id" is not null or "part2_disclosures"."recipient_api_token_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "provider_liaisons" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "treatment_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"name" text NOT NULL,
	"services" "provider_service"[] NOT NULL,
	"languages" text[] NOT NULL,
	"address_line" text NOT NULL,
	"zip" text NOT NULL,
	"phone" text NOT NULL,
	"accepting_new_clients" boolean DEFAULT true NOT NULL,
	"accepts_medicaid" boolean DEFAULT false NOT NULL,
	"sliding_scale" boolean DEFAULT false NOT NULL,
	"no_cost_option" boolean DEFAULT false NOT NULL,
	"cost_note" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "treatment_providers_zip_shape" CHECK ("treatment_providers"."zip" ~ '^[0-9]{5}$'),
	CONSTRAINT "treatment_providers_has_service" CHECK (cardinality("treatment_providers"."services") > 0),
	CONSTRAINT "treatment_providers_has_language" CHECK (cardinality("treatment_providers"."languages") > 0),
	CONSTRAINT "treatment_providers_name_nonblank" CHECK (length(btrim("treatment_providers"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "treatment_referral_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" "treatment_status",
	"to_status" "treatment_status" NOT NULL,
	"actor_user_id" uuid,
	"actor_role" "role",
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treatment_referral_events_creation" CHECK ("treatment_referral_events"."from_status" is not null or "treatment_referral_events"."to_status" = 'referred')
);
--> statement-breakpoint
CREATE TABLE "treatment_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"agreement_item_id" uuid,
	"status" "treatment_status" DEFAULT 'referred' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"referred_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "treatment_referrals_version_positive" CHECK ("treatment_referrals"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "treatment_status_transitions" (
	"from_status" "treatment_status" NOT NULL,
	"to_status" "treatment_status" NOT NULL,
	CONSTRAINT "treatment_status_transitions_from_status_to_status_pk" PRIMARY KEY("from_status","to_status")
);
--> statement-breakpoint
ALTER TABLE "part2_consent_recipients" ADD CONSTRAINT "part2_consent_recipients_consent_id_part2_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."part2_consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_consents" ADD CONSTRAINT "part2_consents_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_consents" ADD CONSTRAINT "part2_consents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_consents" ADD CONSTRAINT "part2_consents_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_consents" ADD CONSTRAINT "part2_consents_provider_id_treatment_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."treatment_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_consents" ADD CONSTRAINT "part2_consents_signed_by_user_id_users_id_fk" FOREIGN KEY ("signed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_consents" ADD CONSTRAINT "part2_consents_revoked_by_user_id_users_id_fk" FOREIGN KEY ("revoked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_disclosures" ADD CONSTRAINT "part2_disclosures_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_disclosures" ADD CONSTRAINT "part2_disclosures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_disclosures" ADD CONSTRAINT "part2_disclosures_consent_id_part2_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."part2_consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_disclosures" ADD CONSTRAINT "part2_disclosures_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_disclosures" ADD CONSTRAINT "part2_disclosures_recipient_api_token_id_api_tokens_id_fk" FOREIGN KEY ("recipient_api_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_liaisons" ADD CONSTRAINT "provider_liaisons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_liaisons" ADD CONSTRAINT "provider_liaisons_provider_id_treatment_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."treatment_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_providers" ADD CONSTRAINT "treatment_providers_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_referral_events" ADD CONSTRAINT "treatment_referral_events_referral_id_treatment_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."treatment_referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_referral_events" ADD CONSTRAINT "treatment_referral_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_referral_events" ADD CONSTRAINT "treatment_referral_events_move_fk" FOREIGN KEY ("from_status","to_status") REFERENCES "public"."treatment_status_transitions"("from_status","to_status") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_referrals" ADD CONSTRAINT "treatment_referrals_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_referrals" ADD CONSTRAINT "treatment_referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_referrals" ADD CONSTRAINT "treatment_referrals_provider_id_treatment_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."treatment_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_referrals" ADD CONSTRAINT "treatment_referrals_referred_by_user_id_users_id_fk" FOREIGN KEY ("referred_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "part2_consents_case_idx" ON "part2_consents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "part2_disclosures_case_idx" ON "part2_disclosures" USING btree ("case_id","disclosed_at");--> statement-breakpoint
CREATE INDEX "part2_disclosures_jurisdiction_idx" ON "part2_disclosures" USING btree ("jurisdiction_id","disclosed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "treatment_providers_name_key" ON "treatment_providers" USING btree ("jurisdiction_id",lower("name"));--> statement-breakpoint
CREATE INDEX "treatment_referral_events_referral_idx" ON "treatment_referral_events" USING btree ("referral_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "treatment_referrals_open_key" ON "treatment_referrals" USING btree ("case_id","provider_id") WHERE "treatment_referrals"."status" not in ('completed', 'discharged', 'declined');--> statement-breakpoint
CREATE INDEX "treatment_referrals_provider_idx" ON "treatment_referrals" USING btree ("provider_id","created_at");--> statement-breakpoint
CREATE INDEX "treatment_referrals_case_idx" ON "treatment_referrals" USING btree ("case_id");
CREATE TYPE "public"."notice_channel" AS ENUM('email', 'sms', 'portal');--> statement-breakpoint
CREATE TYPE "public"."notice_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."notice_recipient_kind" AS ENUM('participant', 'user', 'support_contact');--> statement-breakpoint
CREATE TABLE "contact_preferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"person_kind" "notice_recipient_kind" NOT NULL,
	"person_id" uuid NOT NULL,
	"email_enabled" boolean DEFAULT true NOT NULL,
	"sms_enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid,
	"recipient_kind" "notice_recipient_kind" NOT NULL,
	"recipient_id" uuid NOT NULL,
	"channel" "notice_channel" NOT NULL,
	"template_key" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"send_after" timestamp with time zone DEFAULT now() NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" "notice_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 6 NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_owner" text,
	"to_address" text,
	"transport" text,
	"last_error" text,
	"last_error_code" text,
	"provider_message_id" text,
	"provider_response" text,
	"rendered_subject" text,
	"rendered_body" text,
	"rendered_attachments" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_attempts_range" CHECK ("outbox"."attempts" >= 0 and "outbox"."max_attempts" > 0),
	CONSTRAINT "outbox_sent_has_time" CHECK (("outbox"."status" = 'sent') = ("outbox"."sent_at" is not null)),
	CONSTRAINT "outbox_sending_has_lease" CHECK ("outbox"."status" <> 'sending' or "outbox"."lease_until" is not null)
);
--> statement-breakpoint
CREATE TABLE "sms_opt_outs" (
	"phone" text PRIMARY KEY NOT NULL,
	"opted_out" boolean DEFAULT true NOT NULL,
	"opted_out_at" timestamp with time zone,
	"opted_in_at" timestamp with time zone,
	"source" text DEFAULT 'keyword' NOT NULL,
	"last_keyword" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sms_opt_outs_e164" CHECK ("sms_opt_outs"."phone" ~ '^\+[1-9][0-9]{6,14}$')
);
--> statement-breakpoint
CREATE TABLE "support_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relationship" text NOT NULL,
	"phone" text,
	"email" text,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"receives_notices" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" uuid,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "support_contacts_reachable" CHECK ("support_contacts"."phone" is not null or "support_contacts"."email" is not null)
);
--> statement-breakpoint
ALTER TABLE "contact_preferences" ADD CONSTRAINT "contact_preferences_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_preferences" ADD CONSTRAINT "contact_preferences_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_contacts" ADD CONSTRAINT "support_contacts_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_contacts" ADD CONSTRAINT "support_contacts_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_contacts" ADD CONSTRAINT "support_contacts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_preferences_person_key" ON "contact_preferences" USING btree ("person_kind","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_idempotency_key" ON "outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("send_after") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_lease_idx" ON "outbox" USING btree ("lease_until") WHERE "outbox"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "outbox_case_idx" ON "outbox" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_subject_idx" ON "outbox" USING btree ("subject_type","subject_id") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_jurisdiction_created_idx" ON "outbox" USING btree ("jurisdiction_id","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "outbox_recipient_idx" ON "outbox" USING btree ("recipient_kind","recipient_id","channel","created_at");--> statement-breakpoint
CREATE INDEX "outbox_sms_to_pending_idx" ON "outbox" USING btree ("to_address") WHERE "outbox"."status" = 'pending' and "outbox"."channel" = 'sms';--> statement-breakpoint
CREATE INDEX "support_contacts_participant_idx" ON "support_contacts" USING btree ("participant_id");
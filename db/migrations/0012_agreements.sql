CREATE TYPE "public"."agreement_item_kind" AS ENUM('community_service_hours', 'treatment_assessment', 'treatment_program', 'support_meetings', 'education_class', 'restitution', 'apology_letter', 'reflection_letter', 'check_in_hearing', 'custom');--> statement-breakpoint
CREATE TYPE "public"."agreement_status" AS ENUM('draft', 'signed', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."agreement_unit" AS ENUM('hours', 'cents', 'meetings', 'sessions', 'letters', 'hearings', 'items');--> statement-breakpoint
CREATE TYPE "public"."progress_status" AS ENUM('pending', 'verified', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."agreement_signature_method" AS ENUM('own_account', 'hearing_device');--> statement-breakpoint
CREATE TYPE "public"."agreement_signer_role" AS ENUM('participant', 'chair');--> statement-breakpoint
CREATE TABLE "agreement_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"lineage_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "agreement_item_kind" NOT NULL,
	"title" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"target_quantity" numeric(10, 2) NOT NULL,
	"unit" "agreement_unit" NOT NULL,
	"amount_cents" integer,
	"payment_plan" text,
	"cost_cents" integer DEFAULT 0 NOT NULL,
	"no_cost_alternative" text,
	"due_on" date NOT NULL,
	"verification" text NOT NULL,
	CONSTRAINT "agreement_items_position_key" UNIQUE("agreement_id","position"),
	CONSTRAINT "agreement_items_lineage_key" UNIQUE("agreement_id","lineage_id"),
	CONSTRAINT "agreement_items_target_positive" CHECK ("agreement_items"."target_quantity" > 0),
	CONSTRAINT "agreement_items_cost_nonneg" CHECK ("agreement_items"."cost_cents" >= 0),
	CONSTRAINT "agreement_items_title" CHECK (length(btrim("agreement_items"."title")) between 1 and 200),
	CONSTRAINT "agreement_items_verification" CHECK (length(btrim("agreement_items"."verification")) >= 3),
	CONSTRAINT "agreement_items_restitution_amount" CHECK (("agreement_items"."kind" = 'restitution') = ("agreement_items"."amount_cents" is not null) and ("agreement_items"."amount_cents" is null or ("agreement_items"."amount_cents" > 0 and "agreement_items"."unit" = 'cents' and "agreement_items"."target_quantity" = "agreement_items"."amount_cents"))),
	CONSTRAINT "agreement_items_paid_has_alternative" CHECK (("agreement_items"."cost_cents" = 0 and "agreement_items"."kind" <> 'restitution') or length(btrim(coalesce("agreement_items"."no_cost_alternative", ''))) >= 3),
	CONSTRAINT "agreement_items_hours_unit" CHECK ("agreement_items"."kind" <> 'community_service_hours' or "agreement_items"."unit" = 'hours')
);
--> statement-breakpoint
CREATE TABLE "agreement_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"signer_role" "agreement_signer_role" NOT NULL,
	"typed_name" text NOT NULL,
	"signed_by_user_id" uuid NOT NULL,
	"method" "agreement_signature_method" NOT NULL,
	"agreement_version" integer NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_signatures_role_key" UNIQUE("agreement_id","signer_role"),
	CONSTRAINT "agreement_signatures_name" CHECK (length(btrim("agreement_signatures"."typed_name")) between 3 and 200)
);
--> statement-breakpoint
CREATE TABLE "agreement_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"name" text NOT NULL,
	"items" jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_templates_board_name_key" UNIQUE("board_id","name"),
	CONSTRAINT "agreement_templates_name" CHECK (length(btrim("agreement_templates"."name")) between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"amends_agreement_id" uuid,
	"amendment_reason" text,
	"status" "agreement_status" DEFAULT 'draft' NOT NULL,
	"language" "locale" DEFAULT 'en' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"check_in_on" date NOT NULL,
	"offense_level" text NOT NULL,
	"approved_version" integer,
	"approved_by_user_id" uuid,
	"approved_at" timestamp with time zone,
	"approval_note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "agreements_case_number_key" UNIQUE("case_id","number"),
	CONSTRAINT "agreements_number_positive" CHECK ("agreements"."number" > 0),
	CONSTRAINT "agreements_dates_order" CHECK ("agreements"."starts_on" <= "agreements"."check_in_on" and "agreements"."check_in_on" <= "agreements"."ends_on"),
	CONSTRAINT "agreements_amendment_has_reason" CHECK (("agreements"."amends_agreement_id" is null) = ("agreements"."number" = 1) and ("agreements"."amends_agreement_id" is null or length(btrim(coalesce("agreements"."amendment_reason", ''))) >= 5)),
	CONSTRAINT "agreements_signed_time" CHECK (("agreements"."status" = 'draft') = ("agreements"."signed_at" is null)),
	CONSTRAINT "agreements_superseded_time" CHECK (("agreements"."status" = 'superseded') = ("agreements"."superseded_at" is not null)),
	CONSTRAINT "agreements_approval_complete" CHECK (("agreements"."approved_version" is null) = ("agreements"."approved_by_user_id" is null) and ("agreements"."approved_version" is null) = ("agreements"."approved_at" is null)),
	CONSTRAINT "agreements_version_positive" CHECK ("agreements"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "progress_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"lineage_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"quantity" numeric(10, 2) NOT NULL,
	"place" text,
	"supervisor_contact" text,
	"note" text DEFAULT '' NOT NULL,
	"logged_by_user_id" uuid NOT NULL,
	"logged_by_role" "role" NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"status" "progress_status" DEFAULT 'pending' NOT NULL,
	"reviewed_by_user_id" uuid,
	"reviewed_at" timestamp with time zone,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "progress_entries_quantity_positive" CHECK ("progress_entries"."quantity" > 0),
	CONSTRAINT "progress_entries_reviewed" CHECK (("progress_entries"."status" = 'pending') = ("progress_entries"."reviewed_at" is null) and ("progress_entries"."status" = 'pending') = ("progress_entries"."reviewed_by_user_id" is null)),
	CONSTRAINT "progress_entries_rejection_reason" CHECK (("progress_entries"."status" = 'rejected') = (length(btrim(coalesce("progress_entries"."rejection_reason", ''))) >= 3))
);
--> statement-breakpoint
CREATE TABLE "proof_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"progress_entry_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"original_name" text NOT NULL,
	"uploaded_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proof_files_storageKey_unique" UNIQUE("storage_key"),
	CONSTRAINT "proof_files_type" CHECK ("proof_files"."content_type" in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
	CONSTRAINT "proof_files_size" CHECK ("proof_files"."byte_size" > 0 and "proof_files"."byte_size" <= 10485760)
);
--> statement-breakpoint
ALTER TABLE "agreement_items" ADD CONSTRAINT "agreement_items_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_items" ADD CONSTRAINT "agreement_items_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_items" ADD CONSTRAINT "agreement_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_signed_by_user_id_users_id_fk" FOREIGN KEY ("signed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_templates" ADD CONSTRAINT "agreement_templates_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_templates" ADD CONSTRAINT "agreement_templates_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_templates" ADD CONSTRAINT "agreement_templates_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_item_id_agreement_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agreement_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_logged_by_user_id_users_id_fk" FOREIGN KEY ("logged_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_files" ADD CONSTRAINT "proof_files_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_files" ADD CONSTRAINT "proof_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_files" ADD CONSTRAINT "proof_files_progress_entry_id_progress_entries_id_fk" FOREIGN KEY ("progress_entry_id") REFERENCES "public"."progress_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_files" ADD CONSTRAINT "proof_files_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_items_case_idx" ON "agreement_items" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "agreement_items_lineage_idx" ON "agreement_items" USING btree ("lineage_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_one_draft_key" ON "agreements" USING btree ("case_id") WHERE "agreements"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_one_current_key" ON "agreements" USING btree ("case_id") WHERE "agreements"."status" = 'signed';--> statement-breakpoint
CREATE INDEX "agreements_jurisdiction_idx" ON "agreements" USING btree ("jurisdiction_id","status");--> statement-breakpoint
CREATE INDEX "progress_entries_item_idx" ON "progress_entries" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "progress_entries_lineage_idx" ON "progress_entries" USING btree ("lineage_id","status");--> statement-breakpoint
CREATE INDEX "progress_entries_pending_idx" ON "progress_entries" USING btree ("jurisdiction_id","status") WHERE "progress_entries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "proof_files_entry_idx" ON "proof_files" USING btree ("progress_entry_id");
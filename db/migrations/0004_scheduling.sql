CREATE TYPE "public"."availability_exception_kind" AS ENUM('unavailable', 'available');--> statement-breakpoint
CREATE TYPE "public"."conflict_kind" AS ENUM('knows', 'relative', 'neighbor', 'other', 'same_address', 'same_surname_zip');--> statement-breakpoint
CREATE TYPE "public"."conflict_source" AS ENUM('declared', 'auto');--> statement-breakpoint
CREATE TYPE "public"."conflict_status" AS ENUM('active', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."venue_kind" AS ENUM('library', 'church', 'community_center', 'other', 'video');--> statement-breakpoint
CREATE TYPE "public"."attendance" AS ENUM('unknown', 'present', 'absent', 'late');--> statement-breakpoint
CREATE TYPE "public"."hearing_kind" AS ENUM('initial', 'check_in', 'closing');--> statement-breakpoint
CREATE TYPE "public"."hearing_status" AS ENUM('scheduled', 'held', 'postponed', 'cancelled', 'no_show_participant', 'no_show_panel');--> statement-breakpoint
CREATE TYPE "public"."panel_role" AS ENUM('chair', 'member', 'alternate');--> statement-breakpoint
CREATE TYPE "public"."case_task_kind" AS ENUM('no_show_outreach', 'no_show_decide', 'other');--> statement-breakpoint
CREATE TYPE "public"."case_task_status" AS ENUM('open', 'done', 'cancelled');--> statement-breakpoint
CREATE TABLE "availability_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" "availability_exception_kind" NOT NULL,
	"start_minute" smallint,
	"end_minute" smallint,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "availability_exceptions_window" CHECK (("availability_exceptions"."start_minute" is null and "availability_exceptions"."end_minute" is null and "availability_exceptions"."kind" = 'unavailable') or ("availability_exceptions"."start_minute" >= 0 and "availability_exceptions"."end_minute" <= 1440 and "availability_exceptions"."start_minute" < "availability_exceptions"."end_minute"))
);
--> statement-breakpoint
CREATE TABLE "volunteer_availability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	CONSTRAINT "volunteer_availability_weekday" CHECK ("volunteer_availability"."weekday" between 0 and 6),
	CONSTRAINT "volunteer_availability_window" CHECK ("volunteer_availability"."start_minute" >= 0 and "volunteer_availability"."end_minute" <= 1440 and "volunteer_availability"."start_minute" < "volunteer_availability"."end_minute")
);
--> statement-breakpoint
CREATE TABLE "volunteer_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"kind" "conflict_kind" NOT NULL,
	"source" "conflict_source" NOT NULL,
	"status" "conflict_status" DEFAULT 'active' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by_user_id" uuid,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "volunteer_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"background_check_date" date,
	"background_check_expires" date,
	"training_hours" double precision DEFAULT 0 NOT NULL,
	"hearings_observed" integer DEFAULT 0 NOT NULL,
	"confidentiality_signed_at" date,
	"languages" text[] DEFAULT '{en}'::text[] NOT NULL,
	"needs_accessible_venue" boolean DEFAULT false NOT NULL,
	"accessibility_notes" text DEFAULT '' NOT NULL,
	"monthly_hearing_limit" integer DEFAULT 4 NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"address_line" text,
	"zip" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "volunteer_profiles_training_nonneg" CHECK ("volunteer_profiles"."training_hours" >= 0),
	CONSTRAINT "volunteer_profiles_observed_nonneg" CHECK ("volunteer_profiles"."hearings_observed" >= 0),
	CONSTRAINT "volunteer_profiles_limit_range" CHECK ("volunteer_profiles"."monthly_hearing_limit" between 0 and 31),
	CONSTRAINT "volunteer_profiles_check_order" CHECK ("volunteer_profiles"."background_check_expires" is null or "volunteer_profiles"."background_check_date" is null or "volunteer_profiles"."background_check_expires" > "volunteer_profiles"."background_check_date"),
	CONSTRAINT "volunteer_profiles_zip_shape" CHECK ("volunteer_profiles"."zip" is null or "volunteer_profiles"."zip" ~ '^[0-9]{5}$')
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "venue_kind" NOT NULL,
	"room" text DEFAULT '' NOT NULL,
	"address_line" text,
	"zip" text,
	"capacity" integer DEFAULT 8 NOT NULL,
	"accessible" boolean DEFAULT true NOT NULL,
	"accessibility_notes" text DEFAULT '' NOT NULL,
	"hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"meeting_url" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "venues_capacity_positive" CHECK ("venues"."capacity" > 0),
	CONSTRAINT "venues_video_has_link" CHECK (("venues"."kind" = 'video') = ("venues"."meeting_url" is not null)),
	CONSTRAINT "venues_place_has_address" CHECK ("venues"."kind" = 'video' or "venues"."address_line" is not null)
);
--> statement-breakpoint
CREATE TABLE "hearing_panelists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hearing_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "panel_role" NOT NULL,
	"attendance" "attendance" DEFAULT 'unknown' NOT NULL,
	"removed_at" timestamp with time zone,
	"during" "tstzrange" DEFAULT 'empty'::tstzrange NOT NULL,
	"active" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hearings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"kind" "hearing_kind" DEFAULT 'initial' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"during" "tstzrange" GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED NOT NULL,
	"venue_id" uuid NOT NULL,
	"status" "hearing_status" DEFAULT 'scheduled' NOT NULL,
	"active" boolean GENERATED ALWAYS AS (status not in ('cancelled', 'postponed')) STORED NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"status_reason" text,
	"booked_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hearings_time_order" CHECK ("hearings"."ends_at" > "hearings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "participant_hearing_preferences" (
	"participant_id" uuid PRIMARY KEY NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"video_ok" boolean DEFAULT true NOT NULL,
	"in_person_ok" boolean DEFAULT true NOT NULL,
	"needs_accessible_venue" boolean DEFAULT false NOT NULL,
	"childcare_needed" boolean DEFAULT false NOT NULL,
	"transport_needed" boolean DEFAULT false NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "participant_prefs_some_mode" CHECK ("participant_hearing_preferences"."video_ok" or "participant_hearing_preferences"."in_person_ok")
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "case_task_kind" NOT NULL,
	"title" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" "case_task_status" DEFAULT 'open' NOT NULL,
	"assigned_to_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "case_tasks_done_has_time" CHECK (("case_tasks"."status" = 'open') = ("case_tasks"."completed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_fetched_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "availability_exceptions" ADD CONSTRAINT "availability_exceptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_exceptions" ADD CONSTRAINT "availability_exceptions_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_availability" ADD CONSTRAINT "volunteer_availability_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_availability" ADD CONSTRAINT "volunteer_availability_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_conflicts" ADD CONSTRAINT "volunteer_conflicts_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_conflicts" ADD CONSTRAINT "volunteer_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_conflicts" ADD CONSTRAINT "volunteer_conflicts_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_conflicts" ADD CONSTRAINT "volunteer_conflicts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_conflicts" ADD CONSTRAINT "volunteer_conflicts_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_panelists" ADD CONSTRAINT "hearing_panelists_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_panelists" ADD CONSTRAINT "hearing_panelists_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_booked_by_user_id_users_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_hearing_preferences" ADD CONSTRAINT "participant_hearing_preferences_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_hearing_preferences" ADD CONSTRAINT "participant_hearing_preferences_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_hearing_preferences" ADD CONSTRAINT "participant_hearing_preferences_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_assigned_to_user_id_users_id_fk" FOREIGN KEY ("assigned_to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "availability_exceptions_user_date_idx" ON "availability_exceptions" USING btree ("user_id","date");--> statement-breakpoint
CREATE INDEX "volunteer_availability_user_idx" ON "volunteer_availability" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_conflicts_pair_kind_key" ON "volunteer_conflicts" USING btree ("user_id","participant_id","kind");--> statement-breakpoint
CREATE INDEX "volunteer_conflicts_participant_idx" ON "volunteer_conflicts" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "volunteer_profiles_jurisdiction_idx" ON "volunteer_profiles" USING btree ("jurisdiction_id");--> statement-breakpoint
CREATE INDEX "venues_jurisdiction_idx" ON "venues" USING btree ("jurisdiction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hearing_panelists_seat_key" ON "hearing_panelists" USING btree ("hearing_id","user_id") WHERE "hearing_panelists"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "hearing_panelists_user_idx" ON "hearing_panelists" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "hearings_case_idx" ON "hearings" USING btree ("case_id","starts_at");--> statement-breakpoint
CREATE INDEX "hearings_board_time_idx" ON "hearings" USING btree ("board_id","starts_at");--> statement-breakpoint
CREATE INDEX "hearings_jurisdiction_time_idx" ON "hearings" USING btree ("jurisdiction_id","starts_at");--> statement-breakpoint
CREATE INDEX "case_tasks_open_idx" ON "case_tasks" USING btree ("jurisdiction_id","status","due_at");--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_one_live_key" ON "calendar_feeds" USING btree ("user_id") WHERE "calendar_feeds"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "calendar_feeds_user_idx" ON "calendar_feeds" USING btree ("user_id");
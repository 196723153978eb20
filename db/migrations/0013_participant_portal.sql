CREATE TYPE "public"."sign_in_code_channel" AS ENUM('sms', 'email', 'print');--> statement-breakpoint
CREATE TYPE "public"."sign_in_code_kind" AS ENUM('code', 'invite', 'letter');--> statement-breakpoint
CREATE TABLE "fairness_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"hearing_id" uuid NOT NULL,
	"respect" smallint NOT NULL,
	"neutrality" smallint NOT NULL,
	"voice" smallint NOT NULL,
	"understanding" smallint NOT NULL,
	"trust" smallint NOT NULL,
	"comment" text,
	"locale" text DEFAULT 'en' NOT NULL,
	"submitted_on" timestamp with time zone DEFAULT date_trunc('day', now()) NOT NULL,
	CONSTRAINT "fairness_surveys_scale" CHECK ("fairness_surveys"."respect" between 1 and 5 and "fairness_surveys"."neutrality" between 1 and 5 and "fairness_surveys"."voice" between 1 and 5 and "fairness_surveys"."understanding" between 1 and 5 and "fairness_surveys"."trust" between 1 and 5),
	CONSTRAINT "fairness_surveys_comment_length" CHECK ("fairness_surveys"."comment" is null or length("fairness_surveys"."comment") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "hearing_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hearing_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"hearing_sequence" integer NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "sign_in_code_kind" NOT NULL,
	"channel" "sign_in_code_channel" NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"created_by_user_id" uuid,
	"ip" text,
	CONSTRAINT "sign_in_codes_expiry_after_start" CHECK ("sign_in_codes"."expires_at" > "sign_in_codes"."created_at"),
	CONSTRAINT "sign_in_codes_failed_nonnegative" CHECK ("sign_in_codes"."failed_attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "fairness_surveys" ADD CONSTRAINT "fairness_surveys_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairness_surveys" ADD CONSTRAINT "fairness_surveys_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairness_surveys" ADD CONSTRAINT "fairness_surveys_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_confirmations" ADD CONSTRAINT "hearing_confirmations_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_confirmations" ADD CONSTRAINT "hearing_confirmations_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_codes" ADD CONSTRAINT "sign_in_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_codes" ADD CONSTRAINT "sign_in_codes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fairness_surveys_hearing_key" ON "fairness_surveys" USING btree ("hearing_id");--> statement-breakpoint
CREATE INDEX "fairness_surveys_board_idx" ON "fairness_surveys" USING btree ("jurisdiction_id","board_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hearing_confirmations_key" ON "hearing_confirmations" USING btree ("hearing_id","hearing_sequence");--> statement-breakpoint
CREATE INDEX "sign_in_codes_user_idx" ON "sign_in_codes" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sign_in_codes_hash_key" ON "sign_in_codes" USING btree ("code_hash");
CREATE TABLE "case_status_counts" (
	"jurisdiction_id" uuid NOT NULL,
	"status" "case_status" NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_status_counts_jurisdiction_id_status_pk" PRIMARY KEY("jurisdiction_id","status"),
	CONSTRAINT "case_status_counts_n_nonnegative" CHECK ("case_status_counts"."n" >= 0)
);
--> statement-breakpoint
ALTER TABLE "case_status_counts" ADD CONSTRAINT "case_status_counts_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;
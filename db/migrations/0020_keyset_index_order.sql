DROP INDEX "cases_jurisdiction_status_idx";--> statement-breakpoint
DROP INDEX "cases_jurisdiction_referred_idx";--> statement-breakpoint
DROP INDEX "outbox_jurisdiction_created_idx";--> statement-breakpoint
CREATE INDEX "cases_jurisdiction_status_idx" ON "cases" USING btree ("jurisdiction_id","status","referred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "cases_jurisdiction_referred_idx" ON "cases" USING btree ("jurisdiction_id","referred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "outbox_jurisdiction_created_idx" ON "outbox" USING btree ("jurisdiction_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
-- A consent naming "the board" names the board the case had when it was signed. The recipient row
-- kept only its name, and the read matched any board, so a case moved to another board carried
-- the participant's consent over to volunteers they never named (42 CFR 2.31(a)(4)).
ALTER TABLE "part2_consent_recipients" ADD COLUMN "board_id" uuid;--> statement-breakpoint
ALTER TABLE "part2_consent_recipients" ADD CONSTRAINT "part2_consent_recipients_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_consent_recipients" ADD CONSTRAINT "part2_consent_recipients_board" CHECK ("part2_consent_recipients"."board_id" is null or "part2_consent_recipients"."kind" = 'board');--> statement-breakpoint
-- Consents signed before: the board assigned to the case when the consent was signed, if it bears the
-- name the consent shows. Anything else stays null, and that consent no longer reaches any board
-- (closed, not open, when in doubt).
UPDATE "part2_consent_recipients" r
SET "board_id" = a."board_id"
FROM "part2_consents" c
JOIN "case_assignments" a ON a."case_id" = c."case_id" AND a."assigned_at" <= c."signed_at" AND (a."ended_at" IS NULL OR a."ended_at" > c."signed_at")
JOIN "boards" b ON b."id" = a."board_id"
WHERE r."consent_id" = c."id" AND r."kind" = 'board' AND b."name" = r."name";

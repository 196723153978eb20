-- The accounting of disclosures as data (provider, status, day) beside its English sentence, so the
-- participant reads it in their language. Older rows keep only the sentence.
ALTER TABLE "part2_disclosures" ADD COLUMN "shown" jsonb;
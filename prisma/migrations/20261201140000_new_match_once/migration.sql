-- NEW_MATCH once per (opening, member): two fan-outs of the same opening (a retried job, a sweep) may both find a
-- member not yet told; the unique index lets only one row in (inserts use ON CONFLICT DO NOTHING).
-- Duplicates written before the index are removed first, keeping the oldest.
DELETE FROM "notifications" n
USING "notifications" d
WHERE n."kind" = 'NEW_MATCH' AND d."kind" = 'NEW_MATCH'
  AND n."opening_id" = d."opening_id" AND n."recipient_id" = d."recipient_id"
  AND (d."created_at", d."id") < (n."created_at", n."id");

CREATE UNIQUE INDEX "notifications_new_match_once" ON "notifications" ("opening_id", "recipient_id")
    WHERE "kind" = 'NEW_MATCH';

-- An opening whose NEW_MATCH fan-out is owed: set in the transaction that creates it (createOpening, an import
-- chunk), cleared by the fan-out job. A process that dies between the commit and queueing the job leaves it set,
-- and the sweep queues it again. Existing openings owe nothing.
ALTER TABLE "openings" ADD COLUMN "new_matches_pending" BOOLEAN NOT NULL DEFAULT false;

CREATE INDEX "openings_new_matches_pending_idx" ON "openings" ("created_at") WHERE "new_matches_pending";

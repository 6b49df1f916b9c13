-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('APPLICATION_RECEIVED', 'APPLICATION_DECIDED', 'INVITATION_RECEIVED', 'INVITATION_ANSWERED', 'NEW_MATCH', 'TEAM_FORMED', 'SEAT_FREED');

-- AlterTable
ALTER TABLE "members" ADD COLUMN     "notify_threshold" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "openings" ADD COLUMN     "lead_id" TEXT,
ADD COLUMN     "team_thread_id" TEXT;

-- CreateTable
CREATE TABLE "invitations" (
    "id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "opening_id" TEXT NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'PENDING',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "responded_at" TIMESTAMP(3),

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "opening_id" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMP(3),
    "lease_until" TIMESTAMP(3),
    "claim_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "openings_lead_id_idx" ON "openings"("lead_id");

-- CreateIndex
CREATE INDEX "invitations_opening_id_status_idx" ON "invitations"("opening_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_member_id_opening_id_key" ON "invitations"("member_id", "opening_id");

-- CreateIndex
CREATE INDEX "notifications_recipient_id_created_at_idx" ON "notifications"("recipient_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_opening_id_idx" ON "notifications"("opening_id");

-- CreateIndex (hand-written, not expressible in schema.prisma): claims scan only undelivered rows, oldest first.
CREATE INDEX "notifications_claim_idx" ON "notifications"("created_at", "id") WHERE "delivered_at" IS NULL;

-- CreateIndex (hand-written, not expressible in schema.prisma): the new-match fan-out's low-threshold tail.
CREATE INDEX "members_notify_threshold_idx" ON "members"("notify_threshold") WHERE "notify_threshold" IS NOT NULL;

-- AddForeignKey
ALTER TABLE "openings" ADD CONSTRAINT "openings_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_opening_id_fkey" FOREIGN KEY ("opening_id") REFERENCES "openings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_opening_id_fkey" FOREIGN KEY ("opening_id") REFERENCES "openings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

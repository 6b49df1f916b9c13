-- DMs in the member's language: the bot records the Discord client's locale on the member (NULL = Korean, the default).
ALTER TABLE "members" ADD COLUMN "locale" TEXT;
ALTER TABLE "members" ADD CONSTRAINT "members_locale_check" CHECK ("locale" IN ('ko', 'en'));

-- A pending application or invitation withdrawn because its opening became FULL or was CLOSED: its member hears why.
-- (A value added here is not used in this transaction, which PostgreSQL 12+ allows.)
ALTER TYPE "NotificationKind" ADD VALUE 'SEAT_REQUEST_CLOSED';

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "vector";

-- CreateEnum
CREATE TYPE "OpeningKind" AS ENUM ('PROJECT', 'STUDY');

-- CreateEnum
CREATE TYPE "OpeningStatus" AS ENUM ('OPEN', 'FULL', 'CLOSED');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('APPLIED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('ADMIN', 'BOT');

-- CreateEnum
CREATE TYPE "ImportJobStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "members" (
    "id" TEXT NOT NULL,
    "discord_id" TEXT,
    "display_name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "experience_years" INTEGER NOT NULL,
    "stacks" TEXT[],
    "traits" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sentence" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "openings" (
    "id" TEXT NOT NULL,
    "external_id" TEXT,
    "kind" "OpeningKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL,
    "stacks" TEXT[],
    "min_experience_years" INTEGER NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "capacity" INTEGER NOT NULL,
    "status" "OpeningStatus" NOT NULL DEFAULT 'OPEN',
    "sentence" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "openings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "applications" (
    "id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "opening_id" TEXT NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'APPLIED',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "decided_at" TIMESTAMP(3),

    CONSTRAINT "applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "role" "ApiKeyRole" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" TEXT NOT NULL,
    "status" "ImportJobStatus" NOT NULL DEFAULT 'RUNNING',
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "embedding_models" (
    "key" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "dimension" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "embedding_models_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "member_embeddings" (
    "member_id" TEXT NOT NULL,
    "model_key" INTEGER NOT NULL,
    "embedding" vector NOT NULL,
    "sentence_sha256" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_embeddings_pkey" PRIMARY KEY ("member_id","model_key")
);

-- CreateTable
CREATE TABLE "opening_embeddings" (
    "opening_id" TEXT NOT NULL,
    "model_key" INTEGER NOT NULL,
    "embedding" vector NOT NULL,
    "sentence_sha256" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "opening_embeddings_pkey" PRIMARY KEY ("opening_id","model_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "members_discord_id_key" ON "members"("discord_id");

-- CreateIndex
CREATE UNIQUE INDEX "openings_external_id_key" ON "openings"("external_id");

-- CreateIndex
CREATE INDEX "openings_status_kind_region_idx" ON "openings"("status", "kind", "region");

-- CreateIndex
CREATE INDEX "openings_region_idx" ON "openings"("region");

-- CreateIndex
CREATE INDEX "applications_opening_id_status_idx" ON "applications"("opening_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "applications_member_id_opening_id_key" ON "applications"("member_id", "opening_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "embedding_models_name_key" ON "embedding_models"("name");

-- CreateIndex
CREATE INDEX "member_embeddings_model_key_idx" ON "member_embeddings"("model_key");

-- CreateIndex
CREATE INDEX "opening_embeddings_model_key_idx" ON "opening_embeddings"("model_key");

-- AddForeignKey
ALTER TABLE "applications" ADD CONSTRAINT "applications_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "applications" ADD CONSTRAINT "applications_opening_id_fkey" FOREIGN KEY ("opening_id") REFERENCES "openings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_embeddings" ADD CONSTRAINT "member_embeddings_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_embeddings" ADD CONSTRAINT "member_embeddings_model_key_fkey" FOREIGN KEY ("model_key") REFERENCES "embedding_models"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opening_embeddings" ADD CONSTRAINT "opening_embeddings_opening_id_fkey" FOREIGN KEY ("opening_id") REFERENCES "openings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opening_embeddings" ADD CONSTRAINT "opening_embeddings_model_key_fkey" FOREIGN KEY ("model_key") REFERENCES "embedding_models"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- Replicas behave as one service: jobs live in the database, not in the process that started them.

-- An upload's rows are stored when it is accepted, so any replica can run (or resume) its import;
-- next_index is the import's cursor: rows below it are stored, committed with the counts in one transaction.
ALTER TABLE "import_jobs"
    ADD COLUMN "atomic" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "next_index" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "keep_errors" INTEGER NOT NULL DEFAULT 1000,
    ADD COLUMN "accepted_at" TIMESTAMP(3),
    ADD COLUMN "stop_reason" TEXT,
    ADD COLUMN "stop_message" TEXT;

-- CreateTable
CREATE TABLE "import_job_rows" (
    "job_id" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "row" JSONB NOT NULL,

    CONSTRAINT "import_job_rows_pkey" PRIMARY KEY ("job_id", "index")
);

-- AddForeignKey
ALTER TABLE "import_job_rows" ADD CONSTRAINT "import_job_rows_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "import_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "import_jobs_status_idx" ON "import_jobs"("status");

-- CreateTable
CREATE TABLE "reembed_jobs" (
    "id" TEXT NOT NULL,
    "status" "ImportJobStatus" NOT NULL DEFAULT 'RUNNING',
    "model_dir" TEXT,
    "model_id" TEXT NOT NULL,
    "previous_model_id" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "reembed_jobs_pkey" PRIMARY KEY ("id")
);

-- Rate-limit counters shared by the replicas (rate-limiter-flexible's PostgreSQL store, its own table layout).
-- In a schema of their own: they are not part of the data model.
CREATE SCHEMA IF NOT EXISTS "rate_limits";
CREATE TABLE "rate_limits"."counters" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "counters_pkey" PRIMARY KEY ("key")
);

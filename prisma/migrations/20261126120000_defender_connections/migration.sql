-- CreateTable
CREATE TABLE "defender_connections" (
    "name" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "authority_host" TEXT,
    "api_base_url" TEXT,
    "scope" TEXT,
    "credential_kind" TEXT NOT NULL,
    "credential_ciphertext" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "defender_connections_pkey" PRIMARY KEY ("name")
);


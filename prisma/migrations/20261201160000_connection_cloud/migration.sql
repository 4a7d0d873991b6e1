-- AlterTable
ALTER TABLE "defender_connections" ADD COLUMN     "cloud" TEXT,
ADD COLUMN     "known_authorities" TEXT[] DEFAULT ARRAY[]::TEXT[];


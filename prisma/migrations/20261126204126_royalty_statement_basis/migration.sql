-- AlterTable
ALTER TABLE "RoyaltyStatement" ADD COLUMN "basisAmountMinor" INTEGER;
ALTER TABLE "RoyaltyStatement" ADD COLUMN "earnedMinor" INTEGER;

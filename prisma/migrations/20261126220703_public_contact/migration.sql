-- Public contact details for the portfolio page. Added with ADD COLUMN rather
-- than Prisma's usual table rebuild: the same result, without copying the
-- User table (the columns go last, as in schema.prisma).
ALTER TABLE "User" ADD COLUMN "publicEmail" TEXT NOT NULL DEFAULT '';
ALTER TABLE "User" ADD COLUMN "publicWebsite" TEXT NOT NULL DEFAULT '';

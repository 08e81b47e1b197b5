-- What a voided invoice listed (JSON), kept when voiding releases its gigs.
-- ADD COLUMN rather than Prisma's table rebuild: the same result without
-- copying the Invoice table (the column goes last, as in schema.prisma).
ALTER TABLE "Invoice" ADD COLUMN "voidedContent" TEXT;

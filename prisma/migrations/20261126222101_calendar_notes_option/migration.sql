-- Whether the calendar feed carries gig notes (on, as before, unless turned off).
-- ADD COLUMN rather than Prisma's table rebuild: the same result without
-- copying the User table (the column goes last, as in schema.prisma).
ALTER TABLE "User" ADD COLUMN "calendarNotes" BOOLEAN NOT NULL DEFAULT true;

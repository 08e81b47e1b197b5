-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Gig" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "startTime" TEXT,
    "durationMinutes" INTEGER,
    "kind" TEXT NOT NULL DEFAULT 'studio_session',
    "status" TEXT NOT NULL DEFAULT 'booked',
    "title" TEXT NOT NULL DEFAULT '',
    "artist" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL DEFAULT '',
    "instruments" TEXT NOT NULL DEFAULT '',
    "clientId" INTEGER,
    "payerId" INTEGER,
    "union" BOOLEAN NOT NULL DEFAULT false,
    "bFormType" TEXT NOT NULL DEFAULT '',
    "bFormFiled" BOOLEAN NOT NULL DEFAULT false,
    "workForHire" BOOLEAN NOT NULL DEFAULT true,
    "notes" TEXT NOT NULL DEFAULT '',
    "dueDate" TEXT,
    "invoiceId" INTEGER,
    "importKey" TEXT,
    "agreedMinor" INTEGER NOT NULL DEFAULT 0,
    "paidMinor" INTEGER NOT NULL DEFAULT 0,
    "balanceCurrency" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Gig_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Gig_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Gig_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Gig_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Gig" ("artist", "bFormFiled", "bFormType", "clientId", "createdAt", "date", "dueDate", "durationMinutes", "id", "importKey", "instruments", "invoiceId", "kind", "location", "notes", "payerId", "startTime", "status", "title", "union", "updatedAt", "userId", "workForHire") SELECT "artist", "bFormFiled", "bFormType", "clientId", "createdAt", "date", "dueDate", "durationMinutes", "id", "importKey", "instruments", "invoiceId", "kind", "location", "notes", "payerId", "startTime", "status", "title", "union", "updatedAt", "userId", "workForHire" FROM "Gig";
DROP TABLE "Gig";
ALTER TABLE "new_Gig" RENAME TO "Gig";
CREATE INDEX "Gig_userId_date_idx" ON "Gig"("userId", "date");
CREATE INDEX "Gig_userId_status_date_idx" ON "Gig"("userId", "status", "date");
CREATE INDEX "Gig_userId_clientId_date_idx" ON "Gig"("userId", "clientId", "date");
CREATE INDEX "Gig_userId_payerId_idx" ON "Gig"("userId", "payerId");
CREATE INDEX "Gig_userId_dueDate_idx" ON "Gig"("userId", "dueDate");
CREATE INDEX "Gig_invoiceId_idx" ON "Gig"("invoiceId");
CREATE UNIQUE INDEX "Gig_userId_importKey_key" ON "Gig"("userId", "importKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Gig totals kept by triggers (written by hand: Prisma does not model triggers).
-- The rules match src/money/balances.ts: only lines owed to the musician
-- count; holds count nothing; a cancelled gig counts only its cancellation
-- fee. Any migration that rebuilds Gig, LineItem or PaymentAllocation drops
-- these triggers and must create them again (tests/db/balance-triggers.test.ts
-- fails if it does not).
CREATE TRIGGER "LineItem_after_insert_totals" AFTER INSERT ON "LineItem" BEGIN
  UPDATE "Gig" SET
    "agreedMinor" = COALESCE((SELECT SUM(l."amountMinor") FROM "LineItem" l WHERE l."gigId" = "Gig"."id" AND l."owedToMusician" = 1 AND ("Gig"."status" IN ('booked', 'done') OR ("Gig"."status" = 'cancelled' AND l."kind" = 'cancellation_fee'))), 0),
    "balanceCurrency" = (SELECT MIN(l."currency") FROM "LineItem" l WHERE l."gigId" = "Gig"."id")
  WHERE "id" = NEW."gigId";
END;

CREATE TRIGGER "LineItem_after_update_totals" AFTER UPDATE ON "LineItem" BEGIN
  UPDATE "Gig" SET
    "agreedMinor" = COALESCE((SELECT SUM(l."amountMinor") FROM "LineItem" l WHERE l."gigId" = "Gig"."id" AND l."owedToMusician" = 1 AND ("Gig"."status" IN ('booked', 'done') OR ("Gig"."status" = 'cancelled' AND l."kind" = 'cancellation_fee'))), 0),
    "balanceCurrency" = (SELECT MIN(l."currency") FROM "LineItem" l WHERE l."gigId" = "Gig"."id")
  WHERE "id" IN (NEW."gigId", OLD."gigId");
END;

CREATE TRIGGER "LineItem_after_delete_totals" AFTER DELETE ON "LineItem" BEGIN
  UPDATE "Gig" SET
    "agreedMinor" = COALESCE((SELECT SUM(l."amountMinor") FROM "LineItem" l WHERE l."gigId" = "Gig"."id" AND l."owedToMusician" = 1 AND ("Gig"."status" IN ('booked', 'done') OR ("Gig"."status" = 'cancelled' AND l."kind" = 'cancellation_fee'))), 0),
    "balanceCurrency" = (SELECT MIN(l."currency") FROM "LineItem" l WHERE l."gigId" = "Gig"."id")
  WHERE "id" = OLD."gigId";
END;

CREATE TRIGGER "Gig_after_status_totals" AFTER UPDATE OF "status" ON "Gig" BEGIN
  UPDATE "Gig" SET
    "agreedMinor" = COALESCE((SELECT SUM(l."amountMinor") FROM "LineItem" l WHERE l."gigId" = "Gig"."id" AND l."owedToMusician" = 1 AND ("Gig"."status" IN ('booked', 'done') OR ("Gig"."status" = 'cancelled' AND l."kind" = 'cancellation_fee'))), 0)
  WHERE "id" = NEW."id";
END;

CREATE TRIGGER "PaymentAllocation_after_insert_totals" AFTER INSERT ON "PaymentAllocation" BEGIN
  UPDATE "Gig" SET "paidMinor" = COALESCE((SELECT SUM(a."amountMinor") FROM "PaymentAllocation" a WHERE a."gigId" = "Gig"."id"), 0)
  WHERE "id" = NEW."gigId";
END;

CREATE TRIGGER "PaymentAllocation_after_update_totals" AFTER UPDATE ON "PaymentAllocation" BEGIN
  UPDATE "Gig" SET "paidMinor" = COALESCE((SELECT SUM(a."amountMinor") FROM "PaymentAllocation" a WHERE a."gigId" = "Gig"."id"), 0)
  WHERE "id" IN (NEW."gigId", OLD."gigId");
END;

CREATE TRIGGER "PaymentAllocation_after_delete_totals" AFTER DELETE ON "PaymentAllocation" BEGIN
  UPDATE "Gig" SET "paidMinor" = COALESCE((SELECT SUM(a."amountMinor") FROM "PaymentAllocation" a WHERE a."gigId" = "Gig"."id"), 0)
  WHERE "id" = OLD."gigId";
END;

-- Existing gigs get their totals once.
UPDATE "Gig" SET
  "agreedMinor" = COALESCE((SELECT SUM(l."amountMinor") FROM "LineItem" l WHERE l."gigId" = "Gig"."id" AND l."owedToMusician" = 1 AND ("Gig"."status" IN ('booked', 'done') OR ("Gig"."status" = 'cancelled' AND l."kind" = 'cancellation_fee'))), 0),
  "balanceCurrency" = (SELECT MIN(l."currency") FROM "LineItem" l WHERE l."gigId" = "Gig"."id"),
  "paidMinor" = COALESCE((SELECT SUM(a."amountMinor") FROM "PaymentAllocation" a WHERE a."gigId" = "Gig"."id"), 0);

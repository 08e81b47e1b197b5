-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "portfolioPublic" BOOLEAN NOT NULL DEFAULT false,
    "homeCurrency" TEXT NOT NULL DEFAULT 'USD',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "paymentTermsDays" INTEGER NOT NULL DEFAULT 30,
    "instruments" TEXT NOT NULL DEFAULT '',
    "bio" TEXT NOT NULL DEFAULT '',
    "invoiceDetails" TEXT NOT NULL DEFAULT '',
    "invoicePrefix" TEXT NOT NULL DEFAULT 'INV-',
    "nextInvoiceNumber" INTEGER NOT NULL DEFAULT 1,
    "calendarToken" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Client" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'other',
    "name" TEXT NOT NULL,
    "company" TEXT NOT NULL DEFAULT '',
    "organizationId" INTEGER,
    "email" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Client_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Client_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Gig" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Gig_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Gig_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Gig_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Gig_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LineItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "gigId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'base_fee',
    "description" TEXT NOT NULL DEFAULT '',
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "owedToMusician" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "LineItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LineItem_gigId_fkey" FOREIGN KEY ("gigId") REFERENCES "Gig" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "clientId" INTEGER,
    "receivedOn" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'bank_transfer',
    "reference" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaymentAllocation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "paymentId" INTEGER NOT NULL,
    "gigId" INTEGER NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    CONSTRAINT "PaymentAllocation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PaymentAllocation_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PaymentAllocation_gigId_fkey" FOREIGN KEY ("gigId") REFERENCES "Gig" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "clientId" INTEGER,
    "number" TEXT NOT NULL,
    "issuedOn" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "fromText" TEXT NOT NULL DEFAULT '',
    "billToText" TEXT NOT NULL DEFAULT '',
    "terms" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "voidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invoice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invoice_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceReminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "invoiceId" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL DEFAULT 'email',
    CONSTRAINT "InvoiceReminder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InvoiceReminder_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateCard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "unitMinutes" INTEGER NOT NULL DEFAULT 180,
    "baseUnitMinor" INTEGER NOT NULL,
    "overtimeIncrementMinutes" INTEGER NOT NULL DEFAULT 30,
    "overtimeIncrementMinor" INTEGER NOT NULL DEFAULT 0,
    "firstDoubleBps" INTEGER NOT NULL DEFAULT 5000,
    "additionalDoubleBps" INTEGER NOT NULL DEFAULT 2000,
    "cartageMinor" INTEGER NOT NULL DEFAULT 0,
    "leaderBps" INTEGER NOT NULL DEFAULT 20000,
    "pensionBps" INTEGER NOT NULL DEFAULT 0,
    "healthWelfareMinor" INTEGER NOT NULL DEFAULT 0,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "RateCard_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExchangeRate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "fromCurrency" TEXT NOT NULL,
    "toCurrency" TEXT NOT NULL,
    "rate" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    CONSTRAINT "ExchangeRate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Recording" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "gigId" INTEGER,
    "title" TEXT NOT NULL,
    "artist" TEXT NOT NULL,
    "release" TEXT NOT NULL DEFAULT '',
    "releaseType" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "releaseDate" TEXT,
    "isrc" TEXT,
    "iswc" TEXT,
    "genres" TEXT NOT NULL DEFAULT '',
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "displayOrder" INTEGER,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Recording_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Recording_gigId_fkey" FOREIGN KEY ("gigId") REFERENCES "Gig" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecordingCredit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "recordingId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "instrument" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "RecordingCredit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecordingCredit_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecordingLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "recordingId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "RecordingLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecordingLink_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoyaltyAgreement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "recordingId" INTEGER,
    "gigId" INTEGER,
    "payerId" INTEGER,
    "basis" TEXT NOT NULL DEFAULT '',
    "rateBps" INTEGER NOT NULL,
    "advanceMinor" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "recoupable" BOOLEAN NOT NULL DEFAULT true,
    "startsOn" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoyaltyAgreement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoyaltyAgreement_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RoyaltyAgreement_gigId_fkey" FOREIGN KEY ("gigId") REFERENCES "Gig" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RoyaltyAgreement_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoyaltyStatement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "agreementId" INTEGER,
    "recordingId" INTEGER,
    "payerId" INTEGER,
    "source" TEXT NOT NULL DEFAULT 'agreement',
    "periodStart" TEXT NOT NULL,
    "periodEnd" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "receivedOn" TEXT NOT NULL,
    "reference" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoyaltyStatement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoyaltyStatement_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "RoyaltyAgreement" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RoyaltyStatement_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RoyaltyStatement_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutreachEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "clientId" INTEGER,
    "contactName" TEXT NOT NULL DEFAULT '',
    "contactedOn" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'email',
    "selection" TEXT NOT NULL DEFAULT '',
    "followUpOn" TEXT,
    "outcome" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutreachEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutreachEntry_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_slug_key" ON "User"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarToken_key" ON "User"("calendarToken");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Client_userId_archived_name_idx" ON "Client"("userId", "archived", "name");

-- CreateIndex
CREATE INDEX "Client_organizationId_idx" ON "Client"("organizationId");

-- CreateIndex
CREATE INDEX "Gig_userId_date_idx" ON "Gig"("userId", "date");

-- CreateIndex
CREATE INDEX "Gig_userId_status_date_idx" ON "Gig"("userId", "status", "date");

-- CreateIndex
CREATE INDEX "Gig_userId_clientId_date_idx" ON "Gig"("userId", "clientId", "date");

-- CreateIndex
CREATE INDEX "Gig_userId_payerId_idx" ON "Gig"("userId", "payerId");

-- CreateIndex
CREATE INDEX "Gig_userId_dueDate_idx" ON "Gig"("userId", "dueDate");

-- CreateIndex
CREATE INDEX "Gig_invoiceId_idx" ON "Gig"("invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "Gig_userId_importKey_key" ON "Gig"("userId", "importKey");

-- CreateIndex
CREATE INDEX "LineItem_gigId_idx" ON "LineItem"("gigId");

-- CreateIndex
CREATE INDEX "LineItem_userId_currency_idx" ON "LineItem"("userId", "currency");

-- CreateIndex
CREATE INDEX "Payment_userId_receivedOn_idx" ON "Payment"("userId", "receivedOn");

-- CreateIndex
CREATE INDEX "Payment_userId_clientId_idx" ON "Payment"("userId", "clientId");

-- CreateIndex
CREATE INDEX "PaymentAllocation_gigId_idx" ON "PaymentAllocation"("gigId");

-- CreateIndex
CREATE INDEX "PaymentAllocation_userId_idx" ON "PaymentAllocation"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentAllocation_paymentId_gigId_key" ON "PaymentAllocation"("paymentId", "gigId");

-- CreateIndex
CREATE INDEX "Invoice_userId_dueOn_idx" ON "Invoice"("userId", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_userId_number_key" ON "Invoice"("userId", "number");

-- CreateIndex
CREATE INDEX "InvoiceReminder_invoiceId_idx" ON "InvoiceReminder"("invoiceId");

-- CreateIndex
CREATE INDEX "InvoiceReminder_userId_idx" ON "InvoiceReminder"("userId");

-- CreateIndex
CREATE INDEX "RateCard_userId_idx" ON "RateCard"("userId");

-- CreateIndex
CREATE INDEX "ExchangeRate_userId_fromCurrency_toCurrency_asOf_idx" ON "ExchangeRate"("userId", "fromCurrency", "toCurrency", "asOf");

-- CreateIndex
CREATE INDEX "Recording_userId_releaseDate_idx" ON "Recording"("userId", "releaseDate");

-- CreateIndex
CREATE INDEX "Recording_userId_isPublic_displayOrder_idx" ON "Recording"("userId", "isPublic", "displayOrder");

-- CreateIndex
CREATE INDEX "Recording_gigId_idx" ON "Recording"("gigId");

-- CreateIndex
CREATE UNIQUE INDEX "Recording_userId_isrc_key" ON "Recording"("userId", "isrc");

-- CreateIndex
CREATE INDEX "RecordingCredit_recordingId_idx" ON "RecordingCredit"("recordingId");

-- CreateIndex
CREATE INDEX "RecordingCredit_userId_role_idx" ON "RecordingCredit"("userId", "role");

-- CreateIndex
CREATE INDEX "RecordingCredit_userId_instrument_idx" ON "RecordingCredit"("userId", "instrument");

-- CreateIndex
CREATE INDEX "RecordingLink_recordingId_idx" ON "RecordingLink"("recordingId");

-- CreateIndex
CREATE INDEX "RecordingLink_userId_idx" ON "RecordingLink"("userId");

-- CreateIndex
CREATE INDEX "RoyaltyAgreement_userId_idx" ON "RoyaltyAgreement"("userId");

-- CreateIndex
CREATE INDEX "RoyaltyAgreement_recordingId_idx" ON "RoyaltyAgreement"("recordingId");

-- CreateIndex
CREATE INDEX "RoyaltyStatement_userId_receivedOn_idx" ON "RoyaltyStatement"("userId", "receivedOn");

-- CreateIndex
CREATE INDEX "RoyaltyStatement_recordingId_idx" ON "RoyaltyStatement"("recordingId");

-- CreateIndex
CREATE INDEX "RoyaltyStatement_agreementId_idx" ON "RoyaltyStatement"("agreementId");

-- CreateIndex
CREATE INDEX "OutreachEntry_userId_contactedOn_idx" ON "OutreachEntry"("userId", "contactedOn");

-- CreateIndex
CREATE INDEX "OutreachEntry_userId_followUpOn_idx" ON "OutreachEntry"("userId", "followUpOn");

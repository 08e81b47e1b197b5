// The musician-scoped database handle. Feature code gets its data through
// `forUser(prisma, userId)`, never through the raw client: every read, update
// and delete on a musician-owned model is narrowed to `userId`, and every
// create is stamped with it. An id from another account therefore matches
// nothing, and handlers turn that into a 404 (see found() and the P2025
// mapping in src/web/error-handler.ts).
//
// Raw SQL ($queryRaw) is not covered by this: aggregate queries must filter
// on "userId" themselves, and tests/security/isolation.test.ts probes them.
import type { PrismaClient } from '../generated/prisma/client.ts';

/** Models that carry a userId column. User and Session are account plumbing, handled in src/auth. */
const OWNED_MODELS = new Set([
  'Client',
  'Gig',
  'LineItem',
  'Payment',
  'PaymentAllocation',
  'Invoice',
  'InvoiceReminder',
  'RateCard',
  'ExchangeRate',
  'Recording',
  'RecordingCredit',
  'RecordingLink',
  'RoyaltyAgreement',
  'RoyaltyStatement',
  'OutreachEntry',
]);

const WHERE_OPERATIONS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
  'upsert',
]);

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: unknown };

export function forUser(prisma: PrismaClient, userId: number) {
  if (!Number.isInteger(userId)) throw new Error('forUser needs the signed-in user id');
  const stamp = (data: unknown) =>
    Array.isArray(data) ? data.map((row) => ({ ...row, userId })) : { ...(data as object), userId };

  return prisma.$extends({
    name: 'scopedToUser',
    // Creates still name the owner explicitly (`data: { userId: db.$userId, … }`)
    // because Prisma's types require it; the stamp below makes sure it is this one.
    client: { $userId: userId },
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!OWNED_MODELS.has(model)) {
            throw new Error(`${model} is not a musician-owned model; use the account functions in src/auth`);
          }
          const scoped = { ...(args as Args) };
          if (WHERE_OPERATIONS.has(operation)) scoped.where = { ...scoped.where, userId };
          if (operation === 'create' || operation === 'createMany' || operation === 'createManyAndReturn') {
            scoped.data = stamp(scoped.data);
          }
          if (operation === 'upsert') scoped.create = stamp(scoped.create);
          return query(scoped);
        },
      },
    },
  });
}

export type UserDb = ReturnType<typeof forUser>;

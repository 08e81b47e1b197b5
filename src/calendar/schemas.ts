import { z } from 'zod';
import { choice } from '../web/fields.ts';

/** The feed-link buttons: create one, replace it (revoking the old URL), or turn the feed off. */
export const feedActionSchema = z.object({
  action: choice(['create', 'rotate', 'revoke'], 'Choose what to do with the feed link.'),
});

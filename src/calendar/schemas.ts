import { z } from 'zod';
import { choice } from '../web/fields.ts';

/**
 * The feed buttons: create a link, replace it (revoking the old URL), turn
 * the feed off, or put gig notes in it or leave them out.
 */
export const feedActionSchema = z.object({
  action: choice(['create', 'rotate', 'revoke', 'notes_on', 'notes_off'], 'Choose what to do with the feed link.'),
});

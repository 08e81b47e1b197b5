// Paginated lists: the page number from the URL and the links between pages.
import { text } from './forms.ts';

/** A page number from the query string: a positive integer, else 1. */
export function pageParam(value: unknown): number {
  const raw = text(value);
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

/**
 * Links for a paginated list (views/partials/pager.ejs): previous/next, and
 * first/last when they are not already next door. Null when there is only one page.
 */
export function pagerLinks(page: number, pages: number, url: (page: number) => string) {
  if (pages <= 1) return null;
  return {
    page,
    pages,
    prev: page > 1 ? url(page - 1) : null,
    next: page < pages ? url(page + 1) : null,
    first: page > 2 ? url(1) : null,
    last: page < pages - 1 ? url(pages) : null,
  };
}

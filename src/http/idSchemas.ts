import { z } from 'zod';

/** With the `u` flag a surrogate pair is one code point: only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * A channel's id (conversation, user, activity): opaque, any well-formed Unicode, at most 1 KiB
 * (far above any channel's, and it keeps blob names bounded). A lone surrogate is refused: no URL,
 * blob name or JSON on the wire can carry it faithfully.
 */
export const opaqueId = z
  .string()
  .min(1, 'must not be empty')
  .max(1024, 'must be at most 1024 characters')
  .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode (no lone surrogates)');

/**
 * An id the Bot Framework REST protocol puts into a URL path segment (conversation and activity
 * ids). `.` and `..` are refused: URL parsers resolve them as dot segments, even percent-encoded
 * (`%2E%2E`), so the channel could never be addressed under them.
 */
export const pathSegmentId = opaqueId.refine(
  (s) => s !== '.' && s !== '..',
  'must not be "." or "..", which no URL path can carry',
);

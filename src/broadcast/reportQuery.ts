import type { FieldProblem } from '../errors';
import { REPORT_STATUSES } from './RecipientReport';
import type { ReportPosition, ReportStatus } from './RecipientReport';

/** A report query, or the problems that refuse it (each naming its parameter). */
export type ReportQuery =
  { ok: true; status?: ReportStatus; from?: ReportPosition } | { ok: false; problems: FieldProblem[] };

/** A token is short and of the base64url alphabet; what it decodes to is checked again. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const POSITION_PATTERN = /^r1:(\d{1,9}):(\d{1,7})$/;

/**
 * Reads `status` and `continuationToken` from a report's query string: each at most once, `status`
 * one of sent, gone, failed, the token one this service gave (opaque to the caller; checked here,
 * and only ever read as two bounded numbers, never as a name or URL).
 */
export function reportQuery(query: URLSearchParams): ReportQuery {
  const problems: FieldProblem[] = [];
  const statuses = query.getAll('status');
  const tokens = query.getAll('continuationToken');
  let status: ReportStatus | undefined;
  if (statuses.length > 1) problems.push({ path: 'status', message: 'give status at most once' });
  else if (statuses[0] !== undefined) {
    status = REPORT_STATUSES.find((s) => s === statuses[0]);
    if (!status)
      problems.push({ path: 'status', message: `status must be one of ${REPORT_STATUSES.join(', ')}` });
  }
  let from: ReportPosition | undefined;
  if (tokens.length > 1)
    problems.push({ path: 'continuationToken', message: 'give continuationToken at most once' });
  else if (tokens[0] !== undefined) {
    from = decodeToken(tokens[0]);
    if (!from)
      problems.push({ path: 'continuationToken', message: 'not a continuation token of this report' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, status, from };
}

export function encodeToken({ page, offset }: ReportPosition): string {
  return Buffer.from(`r1:${page}:${offset}`, 'utf8').toString('base64url');
}

function decodeToken(token: string): ReportPosition | undefined {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const match = POSITION_PATTERN.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) return undefined;
  return { page: Number(match[1]), offset: Number(match[2]) };
}

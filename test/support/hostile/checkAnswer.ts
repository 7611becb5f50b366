import type { RawAnswer, RawExchange } from '../rawHttp';
import type { HostileCase, Refusal } from './HostileCase';

const ERROR_KEYS = new Set(['error', 'code', 'details']);

/** What is wrong with an answer's body as the contract's error shape (empty: nothing). */
export function errorShapeProblems(answer: RawAnswer): string[] {
  if (!/^application\/json\b/i.test(answer.headers['content-type'] ?? ''))
    return [
      `content-type is ${JSON.stringify(answer.headers['content-type'])}, body ${JSON.stringify(answer.body.toString('utf8').slice(0, 120))}`,
    ];
  let body: unknown;
  try {
    body = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return [`body is not JSON: ${JSON.stringify(answer.body.toString('utf8').slice(0, 120))}`];
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body is not a JSON object'];
  const problems: string[] = [];
  const record = body as Record<string, unknown>;
  const extra = Object.keys(record).filter((key) => !ERROR_KEYS.has(key));
  if (extra.length) problems.push(`unexpected keys ${extra.join(', ')}`);
  if (typeof record.error !== 'string' || record.error.length === 0)
    problems.push('"error" is not a sentence');
  if (typeof record.code !== 'string') problems.push('"code" is not a string');
  const details = record.details;
  if (
    details !== undefined &&
    !(
      Array.isArray(details) &&
      details.every((d: unknown) => {
        const item = d as Record<string, unknown> | null;
        return (
          typeof item === 'object' &&
          item !== null &&
          typeof item.path === 'string' &&
          typeof item.message === 'string'
        );
      })
    )
  )
    problems.push('"details" is not a list of {path, message}');
  return problems;
}

function describe(answer: RawAnswer): string {
  return `${answer.status} ${answer.body.toString('utf8').slice(0, 200)}`;
}

function describeRefusal(r: Refusal): string {
  return `${r.status} ${r.code}${r.path === undefined ? '' : ` (path ${r.path})`}`;
}

/** Whether one answer is one of the refusals (status, code, and a detail naming the path). */
function refusalProblems(answer: RawAnswer, alternatives: Refusal[], head: boolean): string[] {
  if (head) {
    return alternatives.some((r) => r.status === answer.status)
      ? []
      : [`HEAD got ${answer.status}, expected ${alternatives.map((r) => r.status).join(' or ')}`];
  }
  const shape = errorShapeProblems(answer);
  if (shape.length) return [`got ${answer.status}, not the error shape: ${shape.join('; ')}`];
  const body = JSON.parse(answer.body.toString('utf8')) as { code: string; details?: { path: string }[] };
  const named = (path: string): boolean =>
    (body.details ?? []).some((d) => d.path === path || d.path.startsWith(`${path}.`));
  const match = alternatives.some(
    (r) => r.status === answer.status && r.code === body.code && (r.path === undefined || named(r.path)),
  );
  return match ? [] : [`got ${describe(answer)}; expected ${alternatives.map(describeRefusal).join(' or ')}`];
}

/** Problems with what came back for a case (empty: as the contract says). */
export function answerProblems(c: HostileCase, result: RawExchange): string[] {
  const [first, ...rest] = result.answers;
  if (!first) {
    return [
      result.timedOut
        ? `no answer within ${result.ms} ms`
        : `the connection closed after ${result.ms} ms without an answer`,
    ];
  }
  if (c.legal) {
    if (!c.legal.statuses.includes(first.status))
      return [`got ${describe(first)}; expected ${c.legal.statuses.join(' or ')}`];
    return first.status >= 400 ? errorShapeProblems(first) : [];
  }
  const problems = refusalProblems(first, Array.isArray(c.expect) ? c.expect : [c.expect], c.head ?? false);
  for (const [index, expected] of (c.then ?? []).entries()) {
    const answer = rest[index];
    if (!answer) problems.push(`pipelined answer ${index + 2} missing`);
    else
      problems.push(...refusalProblems(answer, [expected], false).map((p) => `pipelined ${index + 2}: ${p}`));
  }
  return problems;
}

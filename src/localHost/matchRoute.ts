/**
 * The route's parameters when the decoded path segments fit its template, else undefined. Literal
 * segments compare case-insensitively, as the Functions host routes; a `{name}` segment (a
 * constraint such as `{id:int}` is not checked) is captured exactly as sent, decoded once.
 */
export function matchRoute(
  template: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith('{') && part.endsWith('}')) {
      if (!segment) return undefined;
      const name = part.slice(1, -1).split(':')[0]?.replace(/\?$/, '') ?? '';
      params[name] = segment;
    } else if (part.toLowerCase() !== segment.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

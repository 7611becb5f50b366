/** The Playground's port from PLAYGROUND_PORT (default 56150, its own; 0 means a free port). */
export function readPlaygroundPort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 56150;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || port > 65_535) {
    throw new Error(
      `PLAYGROUND_PORT must be a port number (0 to 65535; 0 means a free port), not "${value}".`,
    );
  }
  return port;
}

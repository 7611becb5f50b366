import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/**
 * The baseline for start-up time: a bare CloudAdapter echo bot on Node's http server, no storage,
 * started the same way as the local host (a child process that prints its port).
 */
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const response = {
      socket: undefined,
      status: (code: number) => (res.statusCode = code),
      header: (name: string, value: unknown) => res.setHeader(name, String(value)),
      send: (data: unknown) => res.write(typeof data === 'string' ? data : JSON.stringify(data)),
      end: () => res.end(),
    };
    void adapter.process({ method: 'POST', headers: {}, body }, response, async (context) => {
      await context.sendActivity(`echo: ${context.activity.text}`);
    });
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`Local host listening on http://localhost:${(server.address() as AddressInfo).port}`);
});
process.once('SIGINT', () => process.exit(0));

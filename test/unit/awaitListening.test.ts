import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { awaitListening } from '../../src/localHost/awaitListening';

const READY = /listens on http:\/\/127\.0\.0\.1:(\d+)/;

/** A child process as far as awaitListening sees one: output streams, exit and kill. */
function fakeChild(): { child: ChildProcess; stdout: PassThrough; stderr: PassThrough; killed: string[] } {
  const emitter = new EventEmitter();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const killed: string[] = [];
  const child = Object.assign(emitter, {
    stdout,
    stderr,
    kill: (signal: string) => killed.push(signal) > 0,
  }) as unknown as ChildProcess;
  return { child, stdout, stderr, killed };
}

test('awaitListening: resolves with the port, then keeps and scans none of the output (a line per storage request)', async () => {
  const { child, stdout, stderr } = fakeChild();
  const listening = awaitListening(child, READY, 5_000);
  stdout.write('starting\n');
  stderr.write('Azurite Blob service successfully listens on http://127.0.0.1:43210\n');
  assert.equal(await listening, '43210');
  assert.equal(stdout.listenerCount('data'), 0, 'stdout is no longer read line by line');
  assert.equal(stderr.listenerCount('data'), 0, 'stderr is no longer read line by line');
  assert.equal(child.listenerCount('exit'), 0);
  // The output is drained (flowing), so a chatty child never blocks on a full pipe.
  for (let i = 0; i < 1_000; i++) stdout.write(`127.0.0.1 - - "GET /devstoreaccount1/c/b${i}" 200\n`);
  assert.equal(stdout.readableFlowing, true);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(stdout.readableLength, 0);
});

test('awaitListening: a child that exits first is reported with what it printed', async () => {
  const { child, stdout } = fakeChild();
  const listening = awaitListening(child, READY, 5_000);
  stdout.write('port in use\n');
  await new Promise((resolve) => setImmediate(resolve));
  child.emit('exit', 1);
  await assert.rejects(listening, /exited \(code 1\) before listening:\nport in use/);
});

test('awaitListening: a child silent past the timeout is killed and reported', async () => {
  const { child, killed } = fakeChild();
  await assert.rejects(awaitListening(child, READY, 50), /did not start in 0.05 s/);
  assert.deepEqual(killed, ['SIGKILL']);
});

// Reading requests and writing answers on node:http.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serialize, type Answer } from './answers.ts';

const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLarge extends Error {}

/** The request body as text; rejects past MAX_BODY_BYTES or when the client goes away. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge(`body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

export function isFormEncoded(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded';
}

export function isJson(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

export function writeAnswer(res: ServerResponse, answer: Answer): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(answer.status, answer.headers);
  res.end(serialize(answer));
}

/** Waits ms, or less if the signal fires (the server is closing). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

import type { IncomingMessage } from 'node:http';

/**
 * Reads and drops what is left of a request body refused for its size, so that a client that
 * sends a whole body before reading (Python's urllib, most SDKs) meets the answer, not a
 * closed socket: at most 64 MiB and 5 seconds, after which the answer goes out and the
 * connection closes as it would have.
 *
 * @example if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') await drainRequest(request.raw);
 */
export async function drainRequest(raw: IncomingMessage): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return;
  await new Promise<void>((resolve) => {
    let left = 64 * 1024 * 1024;
    const stop = () => {
      clearTimeout(timer);
      raw.removeListener('data', onData);
      raw.pause();
      resolve();
    };
    const onData = (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) stop();
    };
    const timer = setTimeout(stop, 5_000);
    raw.on('data', onData);
    raw.once('end', stop);
    raw.once('error', stop);
    raw.once('close', stop);
    raw.resume();
  });
}

/**
 * The base of every error the `iam-bridge` package raises (the CLI's, the emulator's and the
 * gateway's): a stable string `code` (AWS's error code where there is one) and the `cause`
 * kept. Each part maps it to its edge: an exit code, an HTTP status.
 *
 * @example
 * try { await run() } catch (e) { if (e instanceof IamBridgeError) console.error(e.code) }
 */
export class IamBridgeError extends Error {
  override readonly name: string = 'IamBridgeError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

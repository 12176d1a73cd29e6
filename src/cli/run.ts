import { main } from './main.js';

/**
 * Ends the process once stdout and stderr are flushed: on a pipe (`folio build --json | jq`)
 * Node writes asynchronously, and exiting at once would cut a large report short.
 */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

// The only place that ends the process.
main(process.argv.slice(2)).then(
  (code) => exitAfterFlush(code),
  (error: unknown) => {
    // An internal bug, not a user mistake: say so briefly; the stack only with FOLIO_DEBUG.
    process.stderr.write(`folio: internal error: ${error instanceof Error ? error.message : String(error)}\nPlease report it; set FOLIO_DEBUG=1 for details.\n`);
    if (process.env.FOLIO_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    exitAfterFlush(70);
  },
);

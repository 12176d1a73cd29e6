import { main } from './main.js';

// The only place that ends the process.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // An internal bug, not a user mistake: say so briefly; the stack only with FOLIO_DEBUG.
    process.stderr.write(`folio: internal error: ${error instanceof Error ? error.message : String(error)}\nPlease report it; set FOLIO_DEBUG=1 for details.\n`);
    if (process.env.FOLIO_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exit(70);
  },
);

import { relative, resolve, sep } from 'node:path';

/** Where the CLI reads and writes: the real process, or a test's buffers. */
export interface Io {
  /** Text, or bytes already encoded as UTF-8 (a large report). */
  stdout: (text: string | Uint8Array) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stderr is an interactive terminal (progress display) */
  isTTY: boolean;
}

/** A tail that `path.relative` would leave as it is: no `.` or `..` segment, no empty one, no leading or trailing slash. */
const unnormalized = /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|^\/|\/$/;

/**
 * Paths as the CLI shows them: relative to `cwd` (the path itself when it is `cwd`).
 * A path inside `cwd`, nearly every one, is cut without `path.relative`, which costs a
 * few microseconds a call: thousands of them in the report of a large catalogue.
 */
export function relativeTo(cwd: string): (path: string) => string {
  const prefix = `${cwd}/`;
  const fast = sep === '/' && resolve(cwd) === cwd;
  return (path) => {
    if (fast && path.startsWith(prefix) && path.length > prefix.length && !unnormalized.test(path.slice(prefix.length))) return path.slice(prefix.length);
    return relative(cwd, path) || path;
  };
}

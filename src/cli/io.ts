/** Where the CLI reads and writes: the real process, or a test's buffers. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stderr is an interactive terminal (progress display) */
  isTTY: boolean;
}

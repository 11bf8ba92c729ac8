// The one injected context: everything awsctl does to the outside world goes through it.
// Pure modules (ini/, profile/, plan/, output/) never see it; executors and commands take it
// as a parameter, so tests and the conformance runner can swap the disk, the clock, HTTP,
// child processes and prompts for their own.

export type Env = Readonly<Record<string, string | undefined>>;

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  mode: number;
  size: number;
  mtimeMs: number;
  /** The owner's user and group ids, where the platform has them. */
  uid?: number;
  gid?: number;
}

export interface FileSystem {
  /**
   * Whole file as bytes; `undefined` when it does not exist. Other errors throw, and so does a
   * file larger than `maxBytes` (without reading it: a 300 MB "cache entry" must not cost 1 GB).
   */
  readFile(path: string, options?: { maxBytes?: number }): Buffer | undefined;
  stat(path: string): FileStat | undefined;
  /**
   * Atomic replace: temp file in the same folder, fsync, rename, folder fsync. `secret`: exactly
   * `mode` (default 0600), and a symlink at `path` is replaced rather than followed.
   */
  writeFileAtomic(path: string, data: string | Buffer, options?: { mode?: number; secret?: boolean }): void;
  /** The user's own ids, where the platform has them (to tell the user's folders from others'). */
  readonly user?: { uid: number; gid: number };
  mkdirp(path: string, mode?: number): void;
  remove(path: string): void;
  readdir(path: string): string[];
  realpath(path: string): string;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Whole-call deadline in milliseconds (connect + headers + body). */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HttpClient {
  /** Rejects with an error whose message says what failed (connect, TLS, timeout); never hangs past timeoutMs. */
  send(request: HttpRequest): Promise<HttpResponse>;
}

export interface SpawnResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface ProcessRunner {
  /** Runs argv[0] with argv[1..] (no shell); stdout is captured, stderr captured and also passed through when passStderr. */
  run(argv: string[], options: { env: Record<string, string>; timeoutMs: number; passStderr?: boolean; shell?: boolean }): Promise<SpawnResult>;
}

export interface Prompter {
  /** Asks on the controlling terminal (never stdout). Throws AwsctlError when no terminal or --no-input. */
  /** `validate` returns true, or a message shown under the prompt while it asks again. */
  secret(message: string, validate?: (value: string) => true | string): Promise<string>;
  text(message: string, options?: { default?: string }): Promise<string>;
  confirm(message: string): Promise<boolean>;
  /** A searchable list (type to filter); resolves to the chosen value. Optional: small test prompters omit it. */
  choose?(message: string, choices: ReadonlyArray<{ name: string; value: string; description?: string }>): Promise<string>;
}

export interface Output {
  write(text: string): void;
  isTTY: boolean;
}

/** How a command run with inherited stdio ended (awsctl exec, assume -- cmd). */
export interface InheritedRunResult {
  exitCode: number | null;
  signal: string | null;
}

export interface Context {
  env: Env;
  platform: NodeJS.Platform;
  /** What the runtime's own home lookup returns (os.homedir()); the last fallback for `~`. */
  homedir(): string | undefined;
  fs: FileSystem;
  now(): Date;
  sleep(ms: number): Promise<void>;
  random(): number;
  http: HttpClient;
  processes: ProcessRunner;
  prompt: Prompter;
  stdout: Output;
  stderr: Output;
  /** Standard input, for values piped in (`echo $SECRET | awsctl configure set aws_secret_access_key`). */
  stdin?: { isTTY: boolean; readAll(): Promise<string> };
  /** Narrates resolution under --debug; callers pass only redacted text. */
  debug(message: string): void;
  /** When false, any step that would need a person fails with a clear error instead. */
  interactive: boolean;
  /** The program of the parent process (the shell that runs awsctl), when it can be known. */
  parentProgram?(): string | undefined;
  /**
   * Addresses a host name resolves to (all of them), for the container endpoint's loopback
   * check. Optional so small test contexts need not provide it; the executor falls back to
   * the system resolver when absent.
   */
  dnsLookup?(host: string): Promise<string[]>;
  /**
   * The profile's `ca_bundle` (a path), for the HTTP client. AWS_CA_BUNDLE wins over it, as in
   * the AWS CLI. Must be called before the first request; later calls are ignored.
   */
  useCaBundle?(path: string): void;
  /**
   * Runs argv with stdin/stdout/stderr inherited and the given environment (exactly, nothing
   * merged), forwarding termination signals to the child. Rejects with the spawn error
   * (ENOENT, EACCES) when the program cannot be started.
   */
  runInherited?(argv: string[], env: Record<string, string>): Promise<InheritedRunResult>;
  /**
   * Opens a URL in the person's browser (BROWSER honoured, then the platform's opener), started
   * detached; true when a browser command started. Absent: there is no browser to open.
   */
  openUrl?(url: string): Promise<boolean>;
}

// Entry point of the bundle. Everything is loaded on demand from here so that the cached
// `awsctl process` path pays only for what it uses.
const { runCli } = await import('./cli/run.ts');
const code = await runCli(process.argv.slice(2));
process.exitCode = code;

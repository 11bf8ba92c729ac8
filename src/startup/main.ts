// Entry point of the bundle. Everything is loaded on demand from here so that the cached
// `awsctl process` path pays only for what it uses (see startup/direct-argv.ts).
import { main } from './main-entry.ts';

process.exitCode = await main(process.argv.slice(2));

// A worker thread entry for tests: registers tsx on the thread, then loads the TypeScript module
// whose URL is the thread's last argv (Node 20 does not apply `--import tsx` to a worker's entry).
import process from 'node:process';
import {register} from 'tsx/esm/api';

register();
await import(process.argv.at(-1));

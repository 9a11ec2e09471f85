/**
 * The command's first module (dist/cli.js): starts the AWS thread, then hands over to cli.tsx.
 *
 * Node compiles a module and everything it imports before it runs a line of it, and the flag
 * parsing alone is ~270 kB; the thread then took until ~100 ms after the process started to be
 * started, while the first frame with data waits for it (its SDK, the demo's world, the first
 * answers). Started from here, a module of a few kilobytes, it starts ~50 ms sooner and loads
 * alongside the rest of the command. cli.tsx hands the thread its options once the flags are
 * parsed (prestart.ts); run from source, there is no built thread and nothing is started.
 */
import {existsSync} from 'node:fs';
import {prestartAwsThread} from '../aws/remote/prestart.js';
import {liveViewGuess} from './live-view-guess.js';
import {quietSdkVersionWarning} from './quiet-sdk.js';

quietSdkVersionWarning();
// Built, this module is dist/cli.js, beside the thread's dist/aws-thread.js.
const awsThread = new URL('./aws-thread.js', import.meta.url);
const kind = liveViewGuess(process.argv.slice(2));
if (kind !== undefined && process.stdout.isTTY && existsSync(awsThread))
	prestartAwsThread(awsThread, undefined, undefined, kind);

await import('../../cli.js');

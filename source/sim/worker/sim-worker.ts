/**
 * The simulator on its own thread (an entry of the build: dist/sim-worker.js). `--demo` starts it
 * before the TUI has even loaded Ink, so building the demo world and answering the first polls run
 * on the second core instead of competing with the first frames on the UI thread.
 *
 * Protocol with sim-thread.ts: workerData is the StartSimOptions (plain data); once listening,
 * the thread posts `{url}`. It serves until the host terminates it.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {startSim, type StartSimOptions} from '../index.js';
import type {SimThreadMessage} from './sim-thread.js';

const sim = await startSim(workerData as StartSimOptions);
const listening: SimThreadMessage = {url: sim.url};
parentPort?.postMessage(listening);

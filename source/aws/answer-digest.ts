/**
 * Unchanged answers, told without reading them. Most refreshes of a quiet account bring back
 * exactly the bytes they brought last time; decoding them (JSON or XML), checking and converting
 * them, and sending them across to the UI thread was most of what an idle ecs-top cost (at
 * `large`, the focused cluster's 200 services, 1,000 container instances and its Auto Scaling
 * groups listing 1,000 instances, every refresh).
 *
 * So each answer's body is hashed as it arrives, before the SDK decodes it. The caller of an
 * adapter call (remote-aws.ts, which holds the result it was last given) says what the answers
 * hashed to last time; when every answer of the call hashes the same again, the call ends with
 * UnchangedAnswer before the last body is decoded, and the caller reuses the result it holds.
 * An adapter call is a function of its arguments and its answers, so the same answers mean the
 * same result, and the same requests: a call's next request depends only on the answers before.
 */
import {AsyncLocalStorage} from 'node:async_hooks';
import {createHash} from 'node:crypto';
import {Readable} from 'node:stream';
import type {Pluggable} from '@smithy/types';

/** What one adapter call's answers hashed to, in the order they arrived. */
export type AnswerDigest = readonly string[];

type DigestRun = {
	readonly expected: AnswerDigest | undefined;
	readonly seen: string[];
	/** An answer differed from (or came beyond) the expected ones. */
	diverged: boolean;
	/** A successful answer whose body could not be read: no digest to trust next time. */
	unreadable: boolean;
};

const digestRun = new AsyncLocalStorage<DigestRun>();

/** Every answer of the call was byte-identical to last time's: the caller's result stands. */
export class UnchangedAnswer extends Error {
	override readonly name = 'UnchangedAnswer';
	/** Present, so the SDK's deserializer leaves the message and metadata alone. */
	readonly $metadata = {};
	constructor() {
		super('the answer is the same as last time');
	}
}

export function isUnchangedAnswer(error: unknown): error is UnchangedAnswer {
	return error instanceof UnchangedAnswer;
}

/**
 * Runs an adapter call, hashing its answers. Resolves with the call's value and its digest, or
 * rejects with UnchangedAnswer when every answer matched `expected`.
 */
export async function runDigested<T>(
	expected: AnswerDigest | undefined,
	call: () => Promise<T>,
): Promise<{value: T; digest: AnswerDigest | undefined}> {
	const run: DigestRun = {expected, seen: [], diverged: false, unreadable: false};
	const value = await digestRun.run(run, call);
	return {value, digest: run.unreadable ? undefined : run.seen};
}

const metadataStart = Buffer.from('<ResponseMetadata>');
const metadataEnd = Buffer.from('</ResponseMetadata>');

/**
 * The answer's hash, leaving out the request id an XML (query protocol) answer carries in its
 * body, which differs every call; JSON answers carry theirs in a header.
 */
export function answerHash(bytes: Buffer): string {
	const hash = createHash('sha1');
	const start = bytes.lastIndexOf(metadataStart);
	const end = start < 0 ? -1 : bytes.indexOf(metadataEnd, start);
	if (end < 0) return hash.update(bytes).digest('base64');
	return hash
		.update(bytes.subarray(0, start))
		.update(bytes.subarray(end + metadataEnd.length))
		.digest('base64');
}

async function bodyBytes(body: unknown): Promise<Buffer | undefined> {
	if (body instanceof Uint8Array) return Buffer.from(body);
	if (!(body instanceof Readable)) return undefined;
	const chunks: Buffer[] = [];
	for await (const chunk of body)
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	return Buffer.concat(chunks);
}

/**
 * The innermost middleware (the `deserialize` step, low priority): it sees each answer before
 * the SDK's deserializer. Outside runDigested it does nothing.
 */
export function answerDigests<Input extends object, Output extends object>(): Pluggable<
	Input,
	Output
> {
	return {
		applyToStack(stack) {
			stack.add(
				(next) => async (args) => {
					const run = digestRun.getStore();
					const result = await next(args);
					if (run === undefined) return result;
					const response = result.response as {statusCode?: number; body?: unknown};
					const status = response.statusCode ?? 0;
					// An error answer is the SDK's to read (and perhaps retry); only answers count.
					if (status < 200 || status >= 300) return result;
					const bytes = await bodyBytes(response.body);
					if (bytes === undefined) {
						run.unreadable = true;
						run.diverged = true;
						return result;
					}
					response.body = Readable.from([bytes]);
					const hash = answerHash(bytes);
					const index = run.seen.push(hash) - 1;
					if (run.expected?.[index] !== hash) run.diverged = true;
					if (!run.diverged && index === run.expected!.length - 1) throw new UnchangedAnswer();
					return result;
				},
				{step: 'deserialize', priority: 'low', name: 'ecsTopAnswerDigests', override: true},
			);
		},
	};
}

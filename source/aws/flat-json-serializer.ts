/**
 * Writes a request whose input is flat (strings, numbers, booleans, lists of these) with one
 * JSON.stringify, the same bytes the SDK's own writer makes.
 *
 * The SDK writes a request's JSON by walking the input schema member by member, a byte at a
 * time for each string, into a buffer that starts at 2 KB and is copied into one twice its size
 * each time it fills: a DescribeTasks of 100 ARNs (~10 KB) grows it four times. `--once` of a
 * 24,000-task account sends ~2,000 such reads, and that walk cost ~100-130 ms of its CPU.
 *
 * Every read ecs-top sends to ECS has a flat input: a cluster, a page token, a page size, a list
 * of ARNs, a list of `include` values. For those this writer picks the members that have a value,
 * in the schema's order as the SDK does, and stringifies them; JSON.stringify escapes a string
 * exactly as the SDK's writer does (`\"`, `\\`, `\b\f\n\r\t`, `\u00XX` for other control
 * characters and lone surrogates, everything else as UTF-8). Anything else goes through the
 * SDK's own writer, unchanged: a member with an idempotency token (the SDK makes one when it is
 * missing), a structure, map, timestamp, blob or document member, a JSON-name setting, a number
 * the SDK writes as a string (NaN, Infinity), or a value of another type than its schema says.
 */
import {JsonShapeSerializer2} from '@smithy/core/protocols';
import {NormalizedSchema} from '@smithy/core/schema';
import type {Schema} from '@smithy/types';

type Scalar = 'string' | 'number' | 'boolean';

/** A flat input's members, each with the JSON type its value must have to be written here. */
type FlatPlan = ReadonlyArray<
	readonly [name: string, kind: {readonly scalar: Scalar; readonly list: boolean}]
>;

/** Plans by input schema, worked out once; null for a schema the SDK writes itself. */
const plans = new WeakMap<object, FlatPlan | null>();

function scalarOf(ns: NormalizedSchema): Scalar | undefined {
	if (ns.isStringSchema())
		return ns.getMergedTraits().mediaType === undefined ? 'string' : undefined;
	if (ns.isNumericSchema()) return 'number';
	if (ns.isBooleanSchema()) return 'boolean';
	return undefined;
}

function planOf(ns: NormalizedSchema): FlatPlan | null {
	if (!ns.isStructSchema() || ns.isUnionSchema()) return null;
	const plan: Array<FlatPlan[number]> = [];
	for (const [name, member] of ns.structIterator()) {
		if (member.isIdempotencyToken()) return null;
		const scalar = scalarOf(member);
		if (scalar !== undefined) {
			plan.push([name, {scalar, list: false}]);
			continue;
		}
		if (!member.isListSchema() || member.getMergedTraits().sparse) return null;
		const element = scalarOf(member.getValueSchema());
		if (element === undefined) return null;
		plan.push([name, {scalar: element, list: true}]);
	}
	return plan;
}

function cachedPlan(schema: Schema): FlatPlan | null {
	if (typeof schema !== 'object' && typeof schema !== 'function') return null;
	let plan = plans.get(schema);
	if (plan === undefined) {
		plan = planOf(NormalizedSchema.of(schema));
		plans.set(schema, plan);
	}
	return plan;
}

/** Whether JSON.stringify writes this value as the SDK's writer does for its schema's type. */
function isWritable(value: unknown, scalar: Scalar): boolean {
	return scalar === 'number'
		? typeof value === 'number' && Number.isFinite(value)
		: typeof value === scalar;
}

/** The input's members with a value, in the plan's order; undefined if one is not flat. */
function flatMembers(plan: FlatPlan, input: unknown): Record<string, unknown> | undefined {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
	const record = input as Record<string, unknown>;
	// A type marker makes the SDK write the input's other fields too.
	if (typeof record['__type'] === 'string') return undefined;
	const members: Record<string, unknown> = {};
	for (const [name, {scalar, list}] of plan) {
		const value = record[name];
		if (value === undefined || value === null) continue;
		if (list) {
			if (!Array.isArray(value)) return undefined;
			for (const item of value as unknown[]) if (!isWritable(item, scalar)) return undefined;
		} else if (!isWritable(value, scalar)) return undefined;
		members[name] = value;
	}
	return members;
}

export class FlatJsonSerializer extends JsonShapeSerializer2 {
	private flatBody: Uint8Array | undefined;

	override write(schema: Schema, value: unknown): void {
		this.flatBody = undefined;
		const plan = this.settings.jsonName ? null : cachedPlan(schema);
		const members = plan === null ? undefined : flatMembers(plan, value);
		if (members === undefined) {
			super.write(schema, value);
			return;
		}
		this.flatBody = Buffer.from(JSON.stringify(members));
	}

	override flush(): Uint8Array {
		const body = this.flatBody;
		if (body === undefined) return super.flush() as Uint8Array;
		this.flatBody = undefined;
		return body;
	}
}

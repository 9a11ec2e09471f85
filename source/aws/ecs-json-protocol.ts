/**
 * The ECS client's JSON protocol, with a deserializer that leaves alone what it would only copy.
 *
 * The SDK reads an answer in two passes: JSON.parse, then a walk over the result along the
 * operation's schema that builds a fresh object for every structure, visiting every member the
 * schema names (a task has ~50) and sending each value through a chain of type checks, to turn
 * the few values that need it into another type (timestamps into Dates). For `--once` of a
 * 24,000-task account that walk cost more CPU than JSON.parse itself, and its copies were
 * garbage the moment they were made.
 *
 * Here a structure is kept as JSON.parse made it, and only its members that need turning are
 * rewritten in place: timestamps, blobs, big numbers, documents, numbers sent as strings
 * ("NaN"), and structures or lists that hold any of these. Which members those are is worked out
 * once per structure schema. A container, a network binding or a failure holds none, so its
 * objects are not visited at all.
 *
 * Two differences from the SDK's output, neither seen by the converters (ecs-convert.ts reads
 * every field through answer-fields, which takes a null or an unknown field as missing): a member
 * AWS sends as null stays null rather than being left out, and a field the schema does not know
 * stays on the object. Error answers, unions and anything else go through the SDK's own reading.
 *
 * Plugged in through the SDK's own seams: a client takes a protocol class (`protocol`), and the
 * JSON protocols take the codec that makes their deserializer (`jsonCodec`).
 */
import {AwsJson1_1Protocol} from '@aws-sdk/core/protocols';
import {JsonCodec2, JsonShapeDeserializer2} from '@smithy/core/protocols';
import {NormalizedSchema} from '@smithy/core/schema';
import type {Schema} from '@smithy/types';

/** How a member is read: walked through the SDK's reading, or only when it came as a string. */
type Reading = 'walk' | 'numeric-string';

/** The members of one structure schema that need reading, by name. */
type StructPlan = ReadonlyMap<string, {schema: NormalizedSchema; reading: Reading}>;

const plans = new WeakMap<object, StructPlan>();

/** Whether a value of this schema can differ from what JSON.parse made of it. */
function reading(ns: NormalizedSchema, visiting: Set<object>): Reading | undefined {
	if (
		ns.isTimestampSchema() ||
		ns.isBlobSchema() ||
		ns.isBigIntegerSchema() ||
		ns.isBigDecimalSchema() ||
		ns.isDocumentSchema() ||
		ns.isUnionSchema()
	)
		return 'walk';
	if (ns.isStringSchema()) return ns.getMergedTraits().mediaType === undefined ? undefined : 'walk';
	if (ns.isNumericSchema()) return 'numeric-string';
	if (ns.isListSchema() || ns.isMapSchema())
		return reading(ns.getValueSchema(), visiting) === undefined ? undefined : 'walk';
	if (ns.isStructSchema()) return planOf(ns, visiting).size > 0 ? 'walk' : undefined;
	return undefined;
}

function planOf(ns: NormalizedSchema, visiting = new Set<object>()): StructPlan {
	const key = ns.getSchema() as object;
	const known = plans.get(key);
	if (known !== undefined) return known;
	// A structure that holds itself: read it the SDK's way, whatever it holds.
	if (visiting.has(key)) return new Map([['', {schema: ns, reading: 'walk' as const}]]);
	visiting.add(key);
	const plan = new Map<string, {schema: NormalizedSchema; reading: Reading}>();
	for (const [name, member] of ns.structIterator()) {
		const how = reading(member, visiting);
		if (how !== undefined) plan.set(name, {schema: member, reading: how});
	}
	visiting.delete(key);
	plans.set(key, plan);
	return plan;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class InPlaceJsonDeserializer extends JsonShapeDeserializer2 {
	protected override _read(schema: Schema, value: unknown): unknown {
		const ns = NormalizedSchema.of(schema);
		if (
			this.settings.jsonName ||
			!isPlainRecord(value) ||
			!ns.isStructSchema() ||
			ns.isUnionSchema() ||
			// An error's type marker asks for the SDK's handling of unknown members.
			typeof value['__type'] === 'string'
		)
			return super._read(schema, value);
		const plan = planOf(ns);
		if (plan.has('')) return super._read(schema, value);
		for (const name in value) {
			const member = plan.get(name);
			const found = value[name];
			if (member === undefined || found === null || found === undefined) continue;
			if (member.reading === 'numeric-string' && typeof found !== 'string') continue;
			value[name] = this._read(member.schema, found);
		}
		return value;
	}
}

class InPlaceJsonCodec extends JsonCodec2 {
	override createDeserializer(): InPlaceJsonDeserializer {
		const deserializer = new InPlaceJsonDeserializer(this.settings);
		if (this.serdeContext !== undefined) deserializer.setSerdeContext(this.serdeContext);
		return deserializer;
	}
}

/** What the SDK's JSON protocols read with by default: epoch-second timestamps, member names. */
const awsJsonSettings = {timestampFormat: {useTrait: true, default: 7 as const}, jsonName: false};

/** AWS JSON 1.1 (ECS's protocol), reading answers in place. */
export class InPlaceAwsJson1_1Protocol extends AwsJson1_1Protocol {
	constructor(settings: ConstructorParameters<typeof AwsJson1_1Protocol>[0]) {
		super({...settings, jsonCodec: new InPlaceJsonCodec(awsJsonSettings)});
	}
}

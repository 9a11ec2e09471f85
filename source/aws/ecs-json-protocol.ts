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
 * ("NaN"), and structures or lists that hold any of these. Which members those are, and how each
 * is read, is worked out once per schema into a reader; an epoch-seconds timestamp, the one kind
 * ECS sends, becomes its Date right there, as the SDK would make it. A container, a network
 * binding or a failure holds none, so its objects are not visited at all.
 *
 * Two differences from the SDK's output, neither seen by the converters (ecs-convert.ts reads
 * every field through answer-fields, which takes a null or an unknown field as missing): a member
 * AWS sends as null stays null rather than being left out, and a field the schema does not know
 * stays on the object. Error answers, unions and anything else go through the SDK's own reading.
 *
 * Requests go the other way through the same codec: a flat input (every read ecs-top sends) is
 * written with one JSON.stringify, byte for byte what the SDK's writer makes
 * (flat-json-serializer.ts); anything else through the SDK's writer.
 *
 * Plugged in through the SDK's own seams: a client takes a protocol class (`protocol`), and the
 * JSON protocols take the codec that makes their serializer and deserializer (`jsonCodec`).
 */
import {AwsJson1_1Protocol} from '@aws-sdk/core/protocols';
import {JsonCodec2, JsonShapeDeserializer2} from '@smithy/core/protocols';
import {NormalizedSchema} from '@smithy/core/schema';
import type {Schema} from '@smithy/types';
import {FlatJsonSerializer} from './flat-json-serializer.js';

/**
 * Reads one value of a schema in place, for the deserializer given: what JSON.parse made of it,
 * turned where the schema says so. Undefined for a schema whose values never need it.
 */
type Reader = (deserializer: InPlaceJsonDeserializer, value: unknown) => unknown;

/** A structure's members that need reading, each with its reader. */
type StructPlan = ReadonlyArray<readonly [name: string, read: Reader]>;

/**
 * Readers by schema, worked out once. At 24,000 tasks the SDK's schema helpers, asked again for
 * every value (a normalized schema built per list, a chain of type checks and the timestamp
 * format worked out per timestamp), cost more than the answers' JSON.parse.
 */
const readers = new WeakMap<object, Reader | null>();

function isPlainRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The SDK's epoch-seconds format (a timestamp schema's own 7, or the protocol's default). */
const epochSeconds = 7;

/** Whether a value of this schema can differ from what JSON.parse made of it, and how to read it. */
function readerOf(ns: NormalizedSchema, visiting?: Set<object>): Reader | undefined {
	const key = ns.getSchema() as object;
	// Simple schemas are numbers: only a structure, list or map (or a lazy reference) is cached.
	const cacheable = (typeof key === 'object' && key !== null) || typeof key === 'function';
	if (cacheable) {
		const known = readers.get(key);
		if (known !== undefined) return known ?? undefined;
		// A structure that holds itself: read through the deserializer, which finds its plan then.
		if (visiting?.has(key)) return (deserializer, value) => deserializer.readAny(ns, value);
	}
	const path = visiting ?? new Set<object>();
	if (cacheable) path.add(key);
	const made = makeReader(ns, path);
	if (cacheable) {
		path.delete(key);
		readers.set(key, made ?? null);
	}
	return made;
}

function makeReader(ns: NormalizedSchema, visiting: Set<object>): Reader | undefined {
	const sdk: Reader = (deserializer, value) => deserializer.readAsSdk(ns, value);
	if (ns.isTimestampSchema()) {
		const own = ns.getSchema() as number;
		// What the SDK does with an epoch-seconds number, without asking the schema each time.
		return (deserializer, value) =>
			typeof value === 'number' && deserializer.timestampFormat(own) === epochSeconds
				? new Date(Math.round(value * 1000))
				: deserializer.readAsSdk(ns, value);
	}
	if (
		ns.isBlobSchema() ||
		ns.isBigIntegerSchema() ||
		ns.isBigDecimalSchema() ||
		ns.isDocumentSchema() ||
		ns.isUnionSchema()
	)
		return sdk;
	if (ns.isStringSchema()) return ns.getMergedTraits().mediaType === undefined ? undefined : sdk;
	// Numbers sent as strings ("NaN", "Infinity"); a number is already what it should be.
	if (ns.isNumericSchema())
		return (deserializer, value) =>
			typeof value === 'string' ? deserializer.readAsSdk(ns, value) : value;
	if (ns.isListSchema()) {
		const element = readerOf(ns.getValueSchema(), visiting);
		if (element === undefined) return undefined;
		return (deserializer, value) => {
			if (!Array.isArray(value)) return deserializer.readAsSdk(ns, value);
			for (let i = 0; i < value.length; i++) {
				const item: unknown = value[i];
				if (item !== null && item !== undefined) value[i] = element(deserializer, item);
			}
			return value;
		};
	}
	if (ns.isMapSchema())
		return readerOf(ns.getValueSchema(), visiting) === undefined ? undefined : sdk;
	if (ns.isStructSchema()) {
		const plan: Array<readonly [string, Reader]> = [];
		for (const [name, member] of ns.structIterator()) {
			const read = readerOf(member, visiting);
			if (read !== undefined) plan.push([name, read]);
		}
		if (plan.length === 0) return undefined;
		return (deserializer, value) =>
			isPlainRecord(value) && typeof value['__type'] !== 'string'
				? readStruct(deserializer, plan, value)
				: deserializer.readAsSdk(ns, value);
	}
	return undefined;
}

function readStruct(
	deserializer: InPlaceJsonDeserializer,
	plan: StructPlan,
	value: Record<string, unknown>,
): Record<string, unknown> {
	for (const [name, read] of plan) {
		const found = value[name];
		if (found !== null && found !== undefined) value[name] = read(deserializer, found);
	}
	return value;
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
		const read = readerOf(ns);
		return read === undefined ? value : read(this, value);
	}

	/** Through this reader: in place for a structure, else as the SDK reads it. */
	readAny(ns: NormalizedSchema, value: unknown): unknown {
		return this._read(ns, value);
	}

	/** The SDK's own reading of one value (which comes back here for what it holds). */
	readAsSdk(ns: NormalizedSchema, value: unknown): unknown {
		return super._read(ns, value);
	}

	/**
	 * A timestamp's format as the SDK works it out for JSON: the schema's own (5, 6 or 7) when the
	 * protocol heeds it, else the protocol's default; undefined where HTTP bindings could give a
	 * member one of its own (left to the SDK).
	 */
	timestampFormat(own: number): number | undefined {
		const {timestampFormat, httpBindings} = this.settings;
		if (timestampFormat.useTrait && (own === 5 || own === 6 || own === 7)) return own;
		return httpBindings ? undefined : timestampFormat.default;
	}
}

class InPlaceJsonCodec extends JsonCodec2 {
	/** Flat reads written with one JSON.stringify (flat-json-serializer.ts), the rest as the SDK does. */
	override createSerializer(): FlatJsonSerializer {
		const serializer = new FlatJsonSerializer(this.settings);
		if (this.serdeContext !== undefined) serializer.setSerdeContext(this.serdeContext);
		return serializer;
	}

	override createDeserializer(): InPlaceJsonDeserializer {
		const deserializer = new InPlaceJsonDeserializer(this.settings);
		if (this.serdeContext !== undefined) deserializer.setSerdeContext(this.serdeContext);
		return deserializer;
	}
}

/** What the SDK's JSON protocols read with by default: epoch-second timestamps, member names. */
const awsJsonSettings = {timestampFormat: {useTrait: true, default: 7 as const}, jsonName: false};

/** AWS JSON 1.1 (ECS's protocol), reading answers in place and writing flat requests at once. */
export class InPlaceAwsJson1_1Protocol extends AwsJson1_1Protocol {
	constructor(settings: ConstructorParameters<typeof AwsJson1_1Protocol>[0]) {
		super({...settings, jsonCodec: new InPlaceJsonCodec(awsJsonSettings)});
	}
}

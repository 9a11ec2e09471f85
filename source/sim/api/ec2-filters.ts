/**
 * EC2's `Filter.N.Name` / `Filter.N.Value.M` semantics: values of one filter are ORed, filters
 * are ANDed, values may use the `*` and `?` wildcards, and an unknown filter name is an
 * InvalidParameterValue (EC2 refuses it rather than ignoring it, so typos surface).
 */
import type {Tag} from '../world/types.js';
import {invalidParameterValue} from './ec2-input.js';
import {optionalString, stringList} from './query-input.js';

export interface Ec2Filter {
	name: string;
	values: string[];
}

/** What a resource offers to each filter name: the values it matches against. */
export type FilterFields<T> = Record<string, (item: T) => Array<string | undefined>>;

export function readFilters(input: Record<string, unknown>): Ec2Filter[] {
	const raw = input['Filter'];
	if (raw === undefined) return [];
	const list = Array.isArray(raw) ? raw : [raw];
	return list.map((entry, index) => {
		const record = (entry ?? {}) as Record<string, unknown>;
		const name = optionalString(record['Name']);
		if (name === undefined) {
			throw invalidParameterValue(`The filter 'Filter.${index + 1}.Name' must have a name`);
		}
		return {name, values: stringList(record['Value'])};
	});
}

/**
 * Builds one predicate for all filters, validating names up front so an unknown filter fails
 * even when there is nothing to match it against.
 */
export function compileFilters<T>(
	filters: readonly Ec2Filter[],
	fields: FilterFields<T>,
	tagsOf: (item: T) => readonly Tag[],
): (item: T) => boolean {
	const tests = filters.map((filter) => {
		const patterns = filter.values.map(wildcardToRegExp);
		const matchesAny = (candidates: Array<string | undefined>): boolean =>
			candidates.some(
				(candidate) =>
					candidate !== undefined && patterns.some((pattern) => pattern.test(candidate)),
			);
		if (filter.name.startsWith('tag:')) {
			const key = filter.name.slice('tag:'.length);
			return (item: T) =>
				matchesAny(
					tagsOf(item)
						.filter((t) => t.key === key)
						.map((t) => t.value),
				);
		}
		if (filter.name === 'tag-key') return (item: T) => matchesAny(tagsOf(item).map((t) => t.key));
		if (filter.name === 'tag-value') {
			return (item: T) => matchesAny(tagsOf(item).map((t) => t.value));
		}
		const field = fields[filter.name];
		if (field === undefined) throw invalidParameterValue(`The filter '${filter.name}' is invalid`);
		return (item: T) => matchesAny(field(item));
	});
	return (item) => tests.every((test) => test(item));
}

function wildcardToRegExp(value: string): RegExp {
	const escaped = value.replace(/[.+^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
}

/**
 * One copy of a string that many tasks repeat (cluster, group, status, zone, instance, task
 * definition, image): JSON parsing gives every task its own copies, and 20,000 tasks held about
 * a dozen each. Bounded: it starts over rather than grow with every ARN ever seen.
 */
const sharedStrings = new Map<string, string>();
const sharedStringLimit = 20_000;

export function shared<T extends string | undefined>(text: T): T {
	if (text === undefined) return text;
	const known = sharedStrings.get(text);
	if (known !== undefined) return known as T;
	if (sharedStrings.size >= sharedStringLimit) sharedStrings.clear();
	sharedStrings.set(text, text);
	return text;
}

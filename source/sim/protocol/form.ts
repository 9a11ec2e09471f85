/**
 * Query-protocol request bodies (EC2, Auto Scaling, STS) are flat form fields whose dotted names
 * spell nested structure: `Filter.1.Value.2=x`, `AutoScalingGroupNames.member.1=a`. This turns
 * them into nested objects and dense arrays (in index order) without knowing the API model.
 * Without the model an empty list cannot be told from an empty string: awsQuery sends `Names=`
 * for `Names: []`, which arrives as `''`.
 */

type Node = Map<string, Node | string>;

/** `.member.N` (awsQuery lists) and `.N` (EC2 flattened lists) both mean "item N of this list". */
function pathOf(name: string): string[] {
	const parts = name.split('.');
	const path: string[] = [];
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i] ?? '';
		if (part === 'member' && isIndex(parts[i + 1])) continue;
		path.push(part);
	}
	return path;
}

function isIndex(part: string | undefined): part is string {
	return part !== undefined && /^[0-9]+$/.test(part);
}

export function parseFormBody(body: string): Map<string, string> {
	const fields = new Map<string, string>();
	for (const [key, value] of new URLSearchParams(body)) fields.set(key, value);
	return fields;
}

/** Every field but `Action` and `Version`, as nested objects and arrays. */
export function decodeFormInput(fields: Map<string, string>): Record<string, unknown> {
	const root: Node = new Map();
	for (const [name, value] of fields) {
		if (name === 'Action' || name === 'Version') continue;
		const path = pathOf(name);
		let node = root;
		for (let i = 0; i < path.length - 1; i++) {
			const key = path[i] as string;
			let next = node.get(key);
			// A scalar where structure follows (e.g. `Names=` for an empty list, then `Names.member.1`):
			// the structure wins, as it carries the data.
			if (next === undefined || typeof next === 'string') {
				next = new Map();
				node.set(key, next);
			}
			node = next;
		}
		const last = path[path.length - 1] as string;
		if (!(node.get(last) instanceof Map)) node.set(last, value);
	}
	return finish(root) as Record<string, unknown>;
}

function finish(node: Node | string): unknown {
	if (typeof node === 'string') return node;
	const keys = [...node.keys()];
	if (keys.length > 0 && keys.every(isIndex)) {
		return keys
			.map((key) => [Number(key), node.get(key) as Node | string] as const)
			.sort((a, b) => a[0] - b[0])
			.map(([, child]) => finish(child));
	}
	const out: Record<string, unknown> = {};
	for (const [key, child] of node) {
		Object.defineProperty(out, key, {
			value: finish(child),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return out;
}

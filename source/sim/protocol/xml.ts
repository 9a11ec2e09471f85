/**
 * A small XML writer for the query protocols' answers. The shapes are simple (elements, text,
 * lists of `<item>` or `<member>`), so a direct serializer is clearer than a general builder and
 * guarantees escaping of every text node.
 */

// Characters XML 1.0 cannot carry at all, even escaped.
// eslint-disable-next-line no-control-regex
const invalidXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
	return text
		.replace(invalidXmlChars, '\uFFFD')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		.replace(/\r/g, '&#13;');
}

/** Text of a scalar as AWS writes it: ISO 8601 dates, `true`/`false`, plain numbers. */
function scalarText(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return String(value);
}

/**
 * `<name>...</name>` for a value: objects become child elements in key order, arrays a child
 * `<itemTag>` per entry, `undefined`/`null` nothing at all (absent members are omitted on the wire).
 */
export function xmlElement(name: string, value: unknown, itemTag: string): string {
	if (value === undefined || value === null) return '';
	return `<${name}>${xmlContent(value, itemTag)}</${name}>`;
}

export function xmlContent(value: unknown, itemTag: string): string {
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) {
		return value.map((item) => xmlElement(itemTag, item, itemTag)).join('');
	}
	if (typeof value === 'object' && !(value instanceof Date)) {
		let out = '';
		for (const [key, member] of Object.entries(value)) out += xmlElement(key, member, itemTag);
		return out;
	}
	return escapeXml(scalarText(value));
}

export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';

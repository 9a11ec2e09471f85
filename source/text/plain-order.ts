/**
 * Number and text formatting without ICU.
 *
 * Node carries ICU's locale data inside its binary, and the first `Intl.NumberFormat`,
 * `toLocaleString` or `Intl.Collator` maps the pages it needs into the process: ~7 MB of resident
 * memory for a number format, ~3 MB for a collator, measured on Node 20. ecs-top needs neither:
 * its counts are grouped the one way its README shows (20,000), and the names it sorts are ASCII
 * (AWS allows letters, digits, hyphens and underscores in cluster, service and family names), so
 * these few lines give the same text and the same order for a tenth of a jump host's memory budget.
 * (Ink's own width measuring uses `Intl.Segmenter`, whose data is much smaller.)
 */

/** `20000` → `20,000`; negative and fractional numbers keep their sign and fraction. */
export function groupThousands(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	const [whole = '', fraction] = String(Math.abs(value)).split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * The order a reader expects of names: letters without regard to case first (`api` before
 * `Batch`), then lower case before upper case, as a collator orders them; any other text by
 * code point, which for ASCII is what a collator gives too, punctuation aside.
 */
export function compareText(a: string, b: string): number {
	if (a === b) return 0;
	const lowerA = a.toLowerCase();
	const lowerB = b.toLowerCase();
	if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
	return a > b ? -1 : 1;
}

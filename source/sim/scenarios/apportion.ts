/**
 * Splits a total into whole shares proportional to weights (largest remainder method), each share
 * at least `minimum`, summing exactly to the total. Scenarios use it to hit fleet-wide counts
 * exactly while keeping the skew of a real fleet.
 */
export function apportion(total: number, weights: readonly number[], minimum = 0): number[] {
	const floor = minimum * weights.length;
	if (floor > total)
		throw new Error(`cannot give ${weights.length} shares at least ${minimum} of ${total}`);
	const rest = total - floor;
	const weightSum = weights.reduce((sum, w) => sum + w, 0);
	const exact = weights.map((w) =>
		weightSum > 0 ? (rest * w) / weightSum : rest / weights.length,
	);
	const shares = exact.map((x) => Math.floor(x));
	let left = rest - shares.reduce((sum, s) => sum + s, 0);
	// Ties go to the earlier index so the result depends only on the inputs.
	const byRemainder = exact
		.map((x, index) => ({index, remainder: x - Math.floor(x)}))
		.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
	for (const {index} of byRemainder) {
		if (left-- <= 0) break;
		shares[index]!++;
	}
	return shares.map((s) => s + minimum);
}

/**
 * `ecs-top --print-config`: the settings a run would use, each with where it came from, under
 * the names the config file uses, so a line can be copied into the file.
 */
import {describeSource, type Settings} from './settings.js';

function shown(key: keyof Settings, value: unknown): string {
	if (key === 'profile' && value === undefined) return 'default';
	if (key === 'region' && value === undefined) return "(the AWS profile's region)";
	if (key === 'clusters') {
		const names = value as readonly string[];
		return names.length === 0 ? '(all)' : names.join(', ');
	}
	return String(value);
}

export function printConfig(
	settings: Settings,
	file: {readonly path: string; readonly exists: boolean},
): string {
	const rows: [string, string, string][] = [
		['config file', file.path, file.exists ? '' : '(none: defaults apply)'],
	];
	for (const key of Object.keys(settings) as (keyof Settings)[]) {
		const setting = settings[key];
		rows.push([key, shown(key, setting.value), describeSource(setting.source)]);
	}
	const keyWidth = Math.max(...rows.map(([key]) => key.length));
	const valueWidth = Math.max(...rows.slice(1).map(([, value]) => value.length));
	return rows
		.map(([key, value, source], index) =>
			index === 0
				? `${key.padEnd(keyWidth)}  ${value}${source === '' ? '' : `  ${source}`}`
				: `${key.padEnd(keyWidth)}  ${value.padEnd(valueWidth)}  ${source}`,
		)
		.join('\n')
		.concat('\n');
}

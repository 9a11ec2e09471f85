/**
 * `--help` and `--version` (and `-h`, `-v`) answer wherever they are on the command line, before
 * anything else is checked: `ecs-top --once --bogus --help` prints the help, not a complaint
 * about --bogus or a missing AWS region. The first of them wins; nothing after `--` counts.
 */
export type EarlyRequest = 'help' | 'version';

export function helpOrVersion(argv: readonly string[]): EarlyRequest | undefined {
	for (const argument of argv) {
		if (argument === '--') return undefined;
		if (argument === '--help' || argument === '-h') return 'help';
		if (argument === '--version' || argument === '-v') return 'version';
	}
	return undefined;
}

/**
 * Whether a boolean flag was typed (`--color`, `--no-color`, `--color=false`): the parser reports
 * an absent boolean flag as false, which would read as `--no-color` and outrank the environment
 * and the config file.
 */
export function booleanFlagGiven(argv: readonly string[], name: string): boolean {
	for (const argument of argv) {
		if (argument === '--') return false;
		const [flag] = argument.split('=', 1);
		if (flag === `--${name}` || flag === `--no-${name}`) return true;
	}
	return false;
}

/**
 * Where ecs-top's own config file lives: `$XDG_CONFIG_HOME/ecs-top/config`, else
 * `~/.config/ecs-top/config`, as the XDG base directory spec says (a relative XDG_CONFIG_HOME is
 * ignored, as the spec asks).
 */
import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';

export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
	const configHome = env['XDG_CONFIG_HOME'];
	const base =
		configHome !== undefined && isAbsolute(configHome)
			? configHome
			: join(env['HOME'] || homedir(), '.config');
	return join(base, 'ecs-top', 'config');
}

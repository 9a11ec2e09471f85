/**
 * How a profile's credentials are made, read from its settings alone: which profiles a role's
 * credentials go through (`source_profile`), and whether one of them needs an MFA code. No SDK
 * here: the UI thread asks this before the live view starts.
 */
import type {ParsedIniData} from './aws-config-files.js';

type Settings = Record<string, string | undefined>;

/** The profiles as the SDK merges them for credentials: the credentials file's over the config's. */
export type Profiles = ParsedIniData;

export function mergedProfiles(files: {
	configFile: ParsedIniData;
	credentialsFile: ParsedIniData;
}): Profiles {
	const merged: Profiles = {};
	for (const file of [files.configFile, files.credentialsFile])
		for (const [name, settings] of Object.entries(file))
			merged[name] = {...merged[name], ...settings};
	return merged;
}

/**
 * The profiles a profile's credentials go through: itself, then each `source_profile` of a role
 * assumed with another profile's credentials, stopping at a cycle or a missing profile.
 */
export function profileChain(
	profiles: Profiles,
	name: string,
): {name: string; settings: Settings}[] {
	const chain: {name: string; settings: Settings}[] = [];
	let current: string | undefined = name;
	while (current !== undefined && !chain.some((link) => link.name === current)) {
		const settings: Settings | undefined = profiles[current];
		if (settings === undefined) break;
		chain.push({name: current, settings});
		current = settings['role_arn'] === undefined ? undefined : settings['source_profile'];
	}
	return chain;
}

/** The `mfa_serial` a profile's role needs a code for, if a role of its chain has one. */
export function mfaSerialOf(
	profiles: Profiles,
	name: string,
): {serial: string; roleArn: string; profile: string} | undefined {
	for (const link of profileChain(profiles, name)) {
		const serial = link.settings['mfa_serial'];
		const roleArn = link.settings['role_arn'];
		if (serial && roleArn) return {serial, roleArn, profile: link.name};
	}
	return undefined;
}

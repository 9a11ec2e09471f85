/**
 * The CA bundle TLS to AWS trusts instead of Node's built-in list, as the AWS CLI takes it:
 * AWS_CA_BUNDLE, else the profile's `ca_bundle`. The profile is read with the SDK's own loader,
 * so ecs-top and the SDK cannot disagree about what the file says.
 */
import {readFile, stat} from 'node:fs/promises';
import {getProfileName, loadSharedConfigFiles} from '@smithy/shared-ini-file-loader';

export type CaBundle = {readonly path: string; readonly source: string; readonly pem: Buffer};

/** A bundle that was asked for and cannot be read: every call fails with this, never silently. */
export class CaBundleError extends Error {
	override readonly name = 'CaBundleError';
}

// A bundle is a few hundred KB at most; anything far larger is not one (a device, a wrong path).
const maxBundleBytes = 8 * 1024 * 1024;

export async function loadCaBundle(
	profile: string | undefined,
	env: NodeJS.ProcessEnv = process.env,
): Promise<CaBundle | undefined> {
	let path = env['AWS_CA_BUNDLE'] || undefined;
	let source = 'AWS_CA_BUNDLE';
	if (path === undefined) {
		const name = getProfileName({profile});
		const {configFile} = await loadSharedConfigFiles();
		path = configFile[name]?.['ca_bundle'] || undefined;
		source = `ca_bundle of profile ${name}`;
	}
	if (path === undefined) return undefined;
	let pem: Buffer;
	try {
		// A FIFO or a device would hang the read or fill the heap: only a file of a sane size.
		const info = await stat(path);
		if (!info.isFile() || info.size > maxBundleBytes)
			throw new CaBundleError(`the CA bundle ${path} (${source}) is not a certificate file`);
		pem = await readFile(path);
	} catch (error) {
		if (error instanceof CaBundleError) throw error;
		throw new CaBundleError(
			`cannot read the CA bundle ${path} (${source}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
		);
	}
	if (!pem.includes('-----BEGIN CERTIFICATE-----'))
		throw new CaBundleError(
			`the CA bundle ${path} (${source}) holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
		);
	return {path, source, pem};
}

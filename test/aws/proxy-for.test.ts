// Which proxy a request takes follows the environment as it is at each call, even though the
// answer for an unchanged environment is remembered: a variable set, changed or unset between
// two calls to the same endpoint changes the route of the second.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {proxyFor} from '../../source/aws/http-proxy.js';
import {proxyVariables, savedEnvironment} from '../helpers/environment.js';

const environment = savedEnvironment(proxyVariables);
beforeEach(() => environment.clear());
afterEach(() => environment.restore());

const endpoint = 'http://127.0.0.1:4566';
const secureEndpoint = 'https://ecs.us-east-1.amazonaws.com';

describe('proxyFor', () => {
	it('goes direct, then through a proxy set since, then direct once it is unset', () => {
		expect(proxyFor(endpoint)).toBe('');
		process.env['HTTP_PROXY'] = 'http://proxy.example:3128';
		expect(proxyFor(endpoint)).toBe('http://proxy.example:3128');
		process.env['HTTP_PROXY'] = 'http://other.example:8080';
		expect(proxyFor(endpoint)).toBe('http://other.example:8080');
		delete process.env['HTTP_PROXY'];
		expect(proxyFor(endpoint)).toBe('');
	});

	it('follows the lower-case spelling, ALL_PROXY, and NO_PROXY set between calls', () => {
		process.env['https_proxy'] = 'http://proxy.example:3128';
		expect(proxyFor(secureEndpoint)).toBe('http://proxy.example:3128');
		process.env['NO_PROXY'] = '.amazonaws.com';
		expect(proxyFor(secureEndpoint)).toBe('');
		delete process.env['NO_PROXY'];
		delete process.env['https_proxy'];
		process.env['ALL_PROXY'] = 'proxy.example:1080';
		// A proxy without a scheme takes the request's.
		expect(proxyFor(secureEndpoint)).toBe('https://proxy.example:1080');
	});

	it('answers each endpoint for itself', () => {
		process.env['HTTP_PROXY'] = 'http://proxy.example:3128';
		process.env['NO_PROXY'] = '127.0.0.1';
		expect(proxyFor(endpoint)).toBe('');
		expect(proxyFor('http://sim.example:4566')).toBe('http://proxy.example:3128');
		expect(proxyFor(endpoint)).toBe('');
	});
});

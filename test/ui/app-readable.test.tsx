// At 80x24 over the simulator's demo account: a service that cannot place its task says why,
// instance by instance, and long text in a detail wraps instead of being cut off.
import {UpdateServiceCommand} from '@aws-sdk/client-ecs';
import {describe, expect, it, vi} from 'vitest';
import {demoFleetPerTest, keys, overwideLines, renderApp} from './app-fixture.js';

const demo = demoFleetPerTest();

/** The pane's text with its borders gone and its rows joined: wrapped lines read as one. */
function paneText(frame: string): string {
	return frame
		.split('\n')
		.map((line) => line.replace(/^│|│$/g, '').trim())
		.join(' ')
		.replace(/\s+/g, ' ');
}

const pageDown = '\u001B[6~';

/** Every row of the open detail, page by page to its end (the indicator says where it is). */
async function wholeDetail(app: Awaited<ReturnType<typeof renderApp>>): Promise<string> {
	const pages: string[] = [];
	for (let page = 0; page < 40; page++) {
		const frame = app.frame();
		pages.push(paneText(frame.replace(/lines \d+-\d+ of \d+/, '')));
		const at = /lines \d+-(\d+) of (\d+)/.exec(frame);
		if (at === null || at[1] === at[2]) break;
		await app.press(pageDown);
		await app.waitFor((next) => next !== frame, 5_000);
	}
	return pages.join(' ');
}

describe('readable at 80x24 (demo)', () => {
	it("says why redis's second task cannot be placed, one line per kind of instance", async () => {
		// redis binds host port 6379 and may only run on the t3.medium: a second task fits nowhere.
		await demo.fleet.sim.ecs.send(
			new UpdateServiceCommand({cluster: 'web', service: 'redis', desiredCount: 2}),
		);
		demo.fleet.sim.advance(30_000);
		const app = await renderApp({store: demo.fleet.store, columns: 80, rows: 24});
		await app.press('G', '3');
		await app.waitFor((f) => /Services \(web\) \[1\/4\]/.test(f), 10_000);
		await app.press('G');
		await app.waitFor((f) => /Services \(web\) \[4\/4\]/.test(f), 10_000);
		await app.press(keys.enter);
		// The detail shows the section once the task definition and instances are in.
		let frame = await app.waitFor((f) => f.includes('Why tasks are not placed'), 10_000);
		for (let i = 0; i < 12 && !frame.includes('memberOf not met'); i++) {
			await app.press('j', 'j');
			frame = app.frame();
		}
		frame = await app.waitFor((f) => f.includes('memberOf not met'), 10_000);
		// The three m5.large fail the memberOf constraint; the t3.medium has the port taken and too
		// little memory left for another 1536 MiB.
		const text = paneText(frame);
		expect(text).toMatch(
			/3 m5\.large instances \(i-\w+, i-\w+, i-\w+\): memberOf not met: attribute:ecs\.instance-type == t3\.medium/,
		);
		expect(text).toMatch(
			/1 t3\.medium instance \(i-\w+\): memory short by \d+ MiB; host port 6379 taken/,
		);
		expect(frame).not.toContain('…');
		expect(overwideLines(frame, 80)).toEqual([]);
	});

	it("shows the task definition's variable names, secrets, logs, health check and compatibilities", async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 80, rows: 24});
		await app.press('G', '3');
		await app.waitFor((f) => /Services \(web\) \[1\/4\]/.test(f), 10_000);
		await app.press(keys.enter);
		await app.waitFor((f) => f.includes('api  (Esc back'), 10_000);
		await app.waitFor((f) => /lines \d+-\d+ of \d+/.test(f), 10_000);
		// The task definition is fetched after the service: wait until the detail has grown to it.
		const whole = await (async () => {
			// A deadline, not a count of tries: on a loaded machine each try takes longer.
			const deadline = Date.now() + 20_000;
			while (Date.now() < deadline) {
				await app.press('g');
				const text = await wholeDetail(app);
				if (text.includes('Health check')) return text;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			return '';
		})();
		expect(whole).toMatch(/Compatibilities EC2/);
		expect(whole).toMatch(
			/Environment 4 variables \(values hidden\): NODE_ENV, PORT, ECS_TOP_SIM_/,
		);
		expect(whole).toMatch(/Secrets DATABASE_URL from Secrets Manager api\/database-url-Xk29Qa/);
		expect(whole).toMatch(/STRIPE_API_KEY from Parameter Store \/api\/stripe-api-key/);
		expect(whole).toMatch(/Logs awslogs awslogs-group=\/ecs\/web\/api/);
		expect(whole).toMatch(/Health check CMD-SHELL .*every \d+s/);
		expect(whole).not.toContain('…');
		// Values never: NODE_ENV's value is `production`.
		expect(whole).not.toContain('production');
	});

	it('m shows a long status-line message whole, and c copies it through OSC 52', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 80, rows: 24});
		await app.press(':', ...'no-such-command-at-all'.split(''), keys.enter);
		const cut = await app.waitFor((f) => f.includes('unknown command'), 5_000);
		const footer = cut.split('\n').at(-1)!;
		expect(footer).toMatch(/^unknown command :no-such-command-at-all \(try.*… m: whole \? help/);

		await app.press('m');
		const whole = await app.waitFor((f) => f.includes('last message'), 5_000);
		expect(paneText(whole)).toContain(':region [NAME] :profile [NAME] :q)');

		// The sequence goes to the terminal Ink draws on: here a stand-in for one.
		const written: string[] = [];
		const wasTty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
		Object.defineProperty(process.stdout, 'isTTY', {value: true, configurable: true});
		const spy = vi.spyOn(process.stdout, 'write').mockImplementation((data) => {
			written.push(String(data));
			return true;
		});
		try {
			await app.press('c');
			await app.waitFor((f) => f.includes('copied the message'), 5_000);
		} finally {
			spy.mockRestore();
			if (wasTty) Object.defineProperty(process.stdout, 'isTTY', wasTty);
			else delete (process.stdout as {isTTY?: boolean}).isTTY;
		}
		const sequence = written.find((data) => data.startsWith('\u001B]52;c;'));
		expect(sequence).toBeDefined();
		const copied = Buffer.from(sequence!.slice(7, -1), 'base64').toString('utf8');
		expect(copied).toMatch(/^unknown command :no-such-command-at-all \(try :clusters .*:q\)$/);
	});

	it("keeps an AWS problem's whole message, which the header cuts, for m", async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 80, rows: 24});
		await app.waitFor((f) => f.includes('Clusters'), 10_000);
		const message =
			'User: arn:aws:sts::123456789012:assumed-role/oncall/me is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action';
		demo.fleet.store.setState({
			problems: {
				identity: {kind: 'access-denied', action: 'cloudwatch:GetMetricData', message},
			},
		});
		await app.waitFor((f) => f.includes('DENIED'), 5_000);
		await app.press('m');
		const whole = await app.waitFor((f) => f.includes('last message'), 5_000);
		expect(paneText(whole)).toContain(`cloudwatch:GetMetricData access denied: ${message}`);
		expect(overwideLines(whole, 80)).toEqual([]);
	});
});

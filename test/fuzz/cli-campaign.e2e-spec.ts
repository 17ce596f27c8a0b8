import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCases } from './bad-inputs.js';
import {
  CLI_TARGET,
  failRun,
  type Failure,
  HANG_MS,
  judgeCli,
  MAX_RSS_MB,
  pool,
  PROFILE,
  REPORT,
  runCli,
  runRealCli,
  SEED,
} from './harness.js';

// Issue 15, the CLI half: at least 2,000 generated bad inputs (schedule JSON, MSPDI, XER, PMXML, PSPLIB, EVM JSON,
// options) through the built CLI commands in a runner process (test/fuzz/cli-runner.mjs), and a sample through
// the real CLI: exit 2 with a one-line message naming the fault, no crash, under 2 s and 1 GB.

describe(`issue 15: a seeded campaign of bad CLI inputs (seed ${SEED})`, () => {
  const outDir = mkdtempSync(join(tmpdir(), `plumbline-fuzz-cli-${SEED}-`));
  /** Kept when a case fails: it holds the full failing cases and the CLI inputs for reproduction. */
  let keepOutDir = false;
  afterAll(() => {
    if (!keepOutDir) rmSync(outDir, { recursive: true, force: true });
  });

  it(
    `runs at least ${CLI_TARGET} bad CLI inputs: exit 2 with a message naming the fault, no crash, under 2 s and 1 GB`,
    async () => {
      const t0 = performance.now();
      const cases = cliCases(SEED);
      const generatedMs = performance.now() - t0;
      const dir = join(outDir, 'cli');
      mkdirSync(dir, { recursive: true });
      const manifest = cases.map((c) => {
        const paths = c.files.map((f, i) => {
          const path = join(dir, `${c.id}-${i}-${f.name}`);
          writeFileSync(path, f.content);
          return path;
        });
        const args = c.args.map((a) =>
          a === '@dir'
            ? dir
            : a.startsWith('@missing')
              ? join(dir, `missing-${c.id}${a.slice(8) || '.json'}`)
              : /^@\d+$/.test(a)
                ? paths[Number(a.slice(1))]
                : a,
        );
        return { id: c.id, command: c.command, args };
      });
      const writtenMs = performance.now() - t0 - generatedMs;
      const { results, deaths, peakRssMb, wallMs } = await runCli(manifest, dir);
      const t1 = performance.now();
      const failures: Failure[] = [];
      for (const c of cases) {
        const problem = judgeCli(c, results.get(c.id), deaths.get(c.id));
        if (problem)
          failures.push({
            family: c.family,
            id: c.id,
            input: `${c.command} ${c.args.join(' ')} — ${c.excerpt}`,
            observed: problem,
          });
      }

      // The real CLI on a sample of the refused inputs: exit 2, nothing on stdout, the same one-line message (the
      // runner keeps the first 2,000 characters of stderr, so that much is compared).
      const refused = cases.filter((c) => results.get(c.id)?.exit === 2);
      const sample = refused
        .filter((_, i) => i % Math.max(1, Math.floor(refused.length / 50)) === 0)
        .slice(0, 50);
      await pool(sample, 2, async (c) => {
        const m = manifest.find((x) => x.id === c.id)!;
        const real = await runRealCli([c.command, ...m.args]);
        const expected = results.get(c.id)!.stderr;
        const lines = real.stderr.trimEnd().split('\n');
        const problem =
          real.code !== 2
            ? `real CLI exit ${real.code}: ${real.stderr.slice(0, 300)}`
            : real.stdout !== ''
              ? `real CLI wrote ${real.stdout.length} chars on stdout`
              : lines.length !== 1 && !/usage:/.test(real.stderr)
                ? `real CLI wrote ${lines.length} lines on stderr: ${real.stderr.slice(0, 300)}`
                : real.stderr.slice(0, expected.length) !== expected
                  ? `real CLI message differs from the in-process one: ${real.stderr.slice(0, 200)} vs ${expected.slice(0, 200)}`
                  : real.elapsedMs > HANG_MS + 1_000
                    ? `real CLI took ${Math.round(real.elapsedMs)} ms`
                    : null;
        if (problem)
          failures.push({
            family: `real-cli:${c.family}`,
            id: c.id,
            input: `${c.command} ${c.args.join(' ')} — ${c.excerpt}`,
            observed: problem,
          });
      });

      const sampledMs = performance.now() - t1;
      const perFamily: Record<string, number> = {};
      for (const c of cases) perFamily[c.family] = (perFamily[c.family] ?? 0) + 1;
      const slowest = [...results.values()].sort((a, b) => b.elapsedMs - a.elapsedMs).slice(0, 3);
      const summary =
        `CLI: ${cases.length} inputs in ${Math.round(wallMs / 100) / 10} s (generated in ${Math.round(generatedMs)} ms, ` +
        `written in ${Math.round(writtenMs)} ms, real CLI sample in ${Math.round(sampledMs)} ms), runner peak RSS ${peakRssMb} MB, ` +
        `real CLI sample ${sample.length}; slowest ${slowest.map((s) => `#${s.id} ${s.elapsedMs} ms`).join(', ')}; per family ${JSON.stringify(perFamily)}`;
      if (REPORT) console.log(summary);
      const problems: string[] = [];
      if (cases.length < CLI_TARGET) problems.push(`only ${cases.length} CLI inputs generated`);
      if (peakRssMb >= MAX_RSS_MB) {
        const first = [...results.values()].find((r) => r.maxRssMb >= MAX_RSS_MB);
        problems.push(
          `the runner's peak RSS reached ${peakRssMb} MB (first over 1 GB after case #${first?.id})`,
        );
      }
      if (failures.length || problems.length) {
        keepOutDir = true;
        failRun('CLI', outDir, summary, problems, failures, (id) => manifest.find((m) => m.id === id));
      }
      expect(existsSync(dir)).toBe(true);
    },
    PROFILE ? 1_800_000 : 180_000,
  );
});

/**
 * Runs the sqlite adapter in child processes. Jest compiles TypeScript only inside its own process, so the
 * adapter and the child scripts are compiled with SWC into `.tmp/` (inside the repository, so that
 * `better-sqlite3` resolves from node_modules) and started with plain `node`.
 */
import { transformFileSync } from '@swc/core';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const adapterFiles = [
  'event-store.port.ts',
  'append-rules.ts',
  'catch-up-subscription.ts',
  'recent-tail.ts',
  'sqlite-event-store.ts',
].map((file) => join(root, 'libs/infrastructure/event-store', file));

/** Compiles the adapter and `children` (paths relative to this folder) into one folder; returns it. */
export function compileChildren(children: string[]): string {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const out = mkdtempSync(join(root, '.tmp', 'store-children-'));
  for (const file of [...adapterFiles, ...children.map((child) => join(import.meta.dirname, child))]) {
    const { code } = transformFileSync(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
      swcrc: false,
    });
    writeFileSync(
      join(out, basename(file).replace(/\.ts$/, '.js')),
      code.replace(/#infrastructure\/event-store\//g, './'),
    );
  }
  return out;
}

export interface RunningChild {
  readonly process: ChildProcessWithoutNullStreams;
  /** Complete lines printed so far (a line cut by a kill is not included). */
  readonly lines: string[];
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once a line matching `predicate` has been printed. */
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** For afterAll: a failed or timed-out test must not leave children that keep jest from exiting. */
export function killRunningChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export function startChild(script: string, args: string[]): RunningChild {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      for (const listener of listeners) listener();
      resolveExit({ code, signal });
    });
  });
  return {
    process: child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(predicate, timeoutMs = 15_000) {
      return new Promise((resolveLine, reject) => {
        const check = () => {
          const line = lines.find(predicate);
          if (line !== undefined) {
            done();
            resolveLine(line);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`child exited before printing the expected line; stderr: ${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`child printed no expected line within ${timeoutMs} ms; stderr: ${stderr}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

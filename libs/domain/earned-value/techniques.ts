/**
 * The earned value techniques of Appendix F. `split` covers 0/100, 50/50 and every user-defined X/Y
 * ("a percent of the value is earned as soon as the work package is started, and the rest when it is completed").
 */
export type Technique =
  | { readonly kind: 'split'; readonly label: string; readonly startPercent: number }
  | { readonly kind: 'milestone' }
  | { readonly kind: 'percentComplete' }
  | { readonly kind: 'LOE' }
  | { readonly kind: 'planningPackage' }
  | { readonly kind: 'apportioned' };

export type TechniqueKind = Technique['kind'];

const SPLIT = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/;

const NAMED: Record<string, Technique> = {
  milestone: { kind: 'milestone' },
  percentComplete: { kind: 'percentComplete' },
  LOE: { kind: 'LOE' },
  planningPackage: { kind: 'planningPackage' },
  apportioned: { kind: 'apportioned' },
};

export const TECHNIQUE_NAMES = ['0/100', '50/50', 'X/Y (X + Y = 100)', ...Object.keys(NAMED)];

/** Split techniques already parsed: a baseline uses a handful of labels over 10^5 work packages. */
const splits = new Map<string, Technique>();

/** The technique named by the contract's `technique` string, or `null` when it names none. */
export function parseTechnique(text: string): Technique | null {
  if (Object.hasOwn(NAMED, text)) return NAMED[text];
  const known = splits.get(text);
  if (known) return known;
  const match = SPLIT.exec(text);
  if (!match) return null;
  const start = Number(match[1]);
  const finish = Number(match[2]);
  if (Math.abs(start + finish - 100) > 1e-9) return null;
  const technique: Technique = Object.freeze({ kind: 'split', label: text, startPercent: start });
  if (splits.size < 1000) splits.set(text, technique);
  return technique;
}

export function techniqueLabel(technique: Technique): string {
  return technique.kind === 'split' ? technique.label : technique.kind;
}

/**
 * Techniques whose progress is a judgement rather than an objective event (4.2.4 "reasonable use of EVTs";
 * Appendix F: LOE "generally advisable only for a small number of work packages", percent complete "shifts the
 * burden of objective performance measurement" to whoever reports it).
 */
export function isSubjective(technique: Technique): boolean {
  return technique.kind === 'LOE' || technique.kind === 'percentComplete';
}

import { InputError } from '../kernel/errors.js';
import { type CostBaselineInput, buildCostBaseline, costPeriods } from './cost-baseline.js';
import { controlAccountPlanReport, costPlanReport } from './cost-reports.js';

/** A small project: one named engineer, one contractor on an average category rate, a server and travel. */
const project = (): CostBaselineInput => ({
  calendar: { workWeek: [1, 2, 3, 4, 5], holidays: ['2027-01-18'] },
  laborCategories: [{ id: 'SENIOR-DEV', averageRate: 120 }],
  resources: [
    { id: 'alice', rate: 90 },
    { id: 'contractor-1', laborCategory: 'SENIOR-DEV' },
  ],
  assignments: [
    // Jan 4 – Feb 26: 19 + 20 = 39 working days (the Jan 18 holiday is not one).
    {
      id: 'A1',
      controlAccount: 'CA1',
      workPackage: 'WP1',
      resource: 'alice',
      hours: 312,
      start: '2027-01-04',
      finish: '2027-02-26',
    },
    // A labor category named directly: its average rate.
    {
      id: 'A2',
      controlAccount: 'CA2',
      workPackage: 'WP2',
      resource: 'SENIOR-DEV',
      hours: 80,
      start: '2027-02-01',
      finish: '2027-02-12',
    },
    {
      id: 'A3',
      controlAccount: 'CA2',
      workPackage: 'WP2',
      resource: 'contractor-1',
      hours: 40,
      start: '2027-03-01',
      finish: '2027-03-05',
    },
  ],
  directCosts: [
    { id: 'SERVER', controlAccount: 'CA1', kind: 'material', amount: 5000, date: '2027-01-20' },
    {
      id: 'TRAVEL',
      controlAccount: 'CA2',
      kind: 'odc',
      amount: 3000,
      start: '2027-02-01',
      finish: '2027-03-31',
    },
  ],
  approvedBudgets: [
    { controlAccount: 'CA1', amount: 40_000 },
    { controlAccount: 'CA2', amount: 20_000 },
  ],
  undistributedBudget: 2_000,
  managementReserve: 4_000,
});

describe('cost baseline (4.2.4)', () => {
  it('costs labor as hours × rate, named resources, category averages and categories named directly', () => {
    const baseline = buildCostBaseline(project());
    expect(baseline.items.map((i) => [i.id, i.element, i.amount])).toEqual([
      ['A1', 'labor', 312 * 90],
      ['A2', 'labor', 80 * 120],
      ['A3', 'labor', 40 * 120],
      ['SERVER', 'material', 5000],
      ['TRAVEL', 'odc', 3000],
    ]);
  });

  it('sums the budget of every work package named by cost items, within its control account', () => {
    expect(buildCostBaseline(project()).workPackages).toEqual([
      { id: 'WP1', controlAccount: 'CA1', budget: 28_080 },
      { id: 'WP2', controlAccount: 'CA2', budget: 14_400 },
    ]);
    const input = project();
    const moved = { ...input, directCosts: [{ ...input.directCosts![0], workPackage: 'WP2' }] };
    expect(() => buildCostBaseline(moved)).toThrow(
      /SERVER: work package WP2 belongs to control account CA2, not CA1/,
    );
  });

  it('sums control account budgets into the PMB, keeps MR outside it, and CBB = PMB + MR', () => {
    const baseline = buildCostBaseline(project());
    expect(baseline.controlAccounts).toEqual([
      { id: 'CA1', labor: 28_080, material: 5000, odc: 0, budget: 33_080, approvedBudget: 40_000, excess: 0 },
      { id: 'CA2', labor: 14_400, material: 0, odc: 3000, budget: 17_400, approvedBudget: 20_000, excess: 0 },
    ]);
    expect(baseline).toMatchObject({
      distributedBudget: 50_480,
      undistributedBudget: 2_000,
      performanceMeasurementBaseline: 52_480,
      managementReserve: 4_000,
      contractBudgetBase: 56_480,
    });
  });

  it('time-phases labor over the working days of the assignment and direct costs on their date or spread', () => {
    const rows = costPeriods(buildCostBaseline(project()));
    expect(rows.map((r) => r.period)).toEqual(['2027-01', '2027-02', '2027-03']);
    // Alice: 19 of 39 working days in January; the server on Jan 20; travel over Feb 1 – Mar 31 (20 + 23 days).
    expect(rows[0].labor).toBeCloseTo((28_080 * 19) / 39, 9);
    expect(rows[0].material).toBe(5000);
    expect(rows[1].labor).toBeCloseTo((28_080 * 20) / 39 + 9_600, 9);
    expect(rows[1].odc).toBeCloseTo((3000 * 20) / 43, 9);
    expect(rows[2]).toMatchObject({ labor: 4_800 });
    expect(rows[2].cumulativeBudget).toBeCloseTo(50_480, 9);
  });

  it('raises a blocking finding naming the control accounts over their approved budget and the excess', () => {
    const input = {
      ...project(),
      approvedBudgets: [
        { controlAccount: 'CA1', amount: 30_000 },
        { controlAccount: 'CA2', amount: 17_400 },
      ],
    };
    const [finding] = buildCostBaseline(input).findings;
    expect(finding).toMatchObject({
      code: 'COST_BASELINE.OVER_DISTRIBUTED_BUDGET',
      blocking: true,
      amount: 3_080,
      controlAccounts: [{ id: 'CA1', budget: 33_080, approvedBudget: 30_000, amount: 3_080 }],
    });
    expect(finding.message).toMatch(/CA1 33080 > 30000 \(\+3080\)/);
  });

  it('treats a control account without an approved budget as entirely over it', () => {
    const input = { ...project(), approvedBudgets: [{ controlAccount: 'CA1', amount: 40_000 }] };
    const findings = buildCostBaseline(input).findings;
    expect(findings[0]).toMatchObject({ blocking: true, controlAccounts: [{ id: 'CA2', amount: 17_400 }] });
  });

  it('informs, without blocking, when approved funds are left out of the baseline', () => {
    const findings = buildCostBaseline(project()).findings;
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'COST_BASELINE.FUNDS_NOT_BASELINED',
        blocking: false,
        amount: 6_920 + 2_600,
      }),
    ]);
  });

  it('gives a CAP report per control account and a cost plan report for a project without EV', () => {
    const baseline = buildCostBaseline(project());
    const cap = controlAccountPlanReport(baseline);
    expect(cap.controlAccounts.map((a) => [a.id, a.periods.at(-1)!.cumulativeBudget])).toEqual([
      ['CA1', 33_080],
      ['CA2', 17_400],
    ]);
    const plan = costPlanReport(baseline);
    expect(plan).toMatchObject({ labor: 42_480, material: 5000, odc: 3000, contractBudgetBase: 56_480 });
    expect(plan.periods).toHaveLength(3);
    expect(plan.loading!.firstHalfShare).toBeGreaterThan(0);
    expect(plan.findings).toBe(baseline.findings);
  });

  it.each<[string, (input: CostBaselineInput) => CostBaselineInput, RegExp]>([
    [
      'an unknown resource',
      (i) => ({ ...i, assignments: [{ ...i.assignments![0], resource: 'bob' }] }),
      /A1.*"bob"/,
    ],
    ['negative hours', (i) => ({ ...i, assignments: [{ ...i.assignments![0], hours: -1 }] }), /A1: hours/],
    [
      'a finish before start',
      (i) => ({ ...i, assignments: [{ ...i.assignments![0], finish: '2027-01-01' }] }),
      /A1: finish/,
    ],
    [
      'a bad date',
      (i) => ({ ...i, directCosts: [{ ...i.directCosts![0], date: '2027-02-30' }] }),
      /SERVER: date/,
    ],
    ['a resource without rate or category', (i) => ({ ...i, resources: [{ id: 'carol' }] }), /carol/],
    [
      'a direct cost with no date',
      (i) => ({ ...i, directCosts: [{ id: 'X', controlAccount: 'CA1', kind: 'odc', amount: 1 }] }),
      /X: needs a date/,
    ],
    ['a negative management reserve', (i) => ({ ...i, managementReserve: -5 }), /managementReserve/],
    ['a weekday 0', (i) => ({ ...i, calendar: { workWeek: [0, 1] } }), /calendar\.workWeek\[0\]/],
  ])('refuses %s, naming the item', (_, change, message) => {
    expect(() => buildCostBaseline(change(project()))).toThrow(InputError);
    expect(() => buildCostBaseline(change(project()))).toThrow(message);
  });
});

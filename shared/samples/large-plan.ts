/**
 * The benchmark's large plan: a deterministic, realistic-looking development plan (five-level numeric
 * scale, so means matter) of a size well beyond real plans. Defaults: 12 sections (priorities), 1,200
 * actions, 8 reporting periods all rated, 5,000 progress updates of 200-800 characters (some of several
 * paragraphs), with objectives shared by a few actions, leads, hand-typed due texts and recommendations.
 *
 * Same options and seed -> the same draft, byte for byte (a seeded PRNG; never Math.random or the clock).
 * The council is fictional.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import type { ActionDraft, PlanDraft, SectionDraft } from '../draft';
import { SCALE_PRESETS } from '../ratings';

export interface LargePlanOptions {
  sections?: number;
  actions?: number;
  periods?: number;
  progress?: number;
  seed?: number;
}

export const LARGE_PLAN_DEFAULTS: Required<LargePlanOptions> = {
  sections: 12,
  actions: 1200,
  periods: 8,
  progress: 5000,
  seed: 1,
};

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const PRIORITIES = [
  'Strong leadership and governance that knows the quality of practice',
  'A confident, stable and well-supported workforce',
  'Children get the right help at the right time through the front door',
  'Early help that reduces the need for statutory intervention',
  'Children in need of help and protection are safe',
  'Children in care live in stable, loving homes',
  'Care leavers are supported into adulthood',
  'Children are protected from exploitation and going missing',
  'Disabled children and those with special educational needs get joined-up support',
  'Partnerships that hold each other to account',
  'The voice of children and families shapes services',
  'Performance information and quality assurance drive improvement',
];

const VERBS = [
  'Embed',
  'Review',
  'Develop',
  'Introduce',
  'Strengthen',
  'Deliver',
  'Monitor',
  'Refresh',
  'Agree',
  'Extend',
  'Establish',
  'Evaluate',
];
const SUBJECTS = [
  'the multi-agency audit programme',
  'supervision arrangements for frontline managers',
  'the return home interview service',
  'placement sufficiency planning',
  'the practice model training programme',
  'pathway planning for care leavers',
  'threshold guidance for partners',
  'the family hubs offer in each locality',
  'management oversight of pre-proceedings',
  'tracking of initial health assessments',
  'the quality assurance framework',
  'life story work for children with a plan for permanence',
  'caseload monitoring by team',
  'transition planning with adult social care',
  'the participation strategy with the Children in Care Council',
  'the recruitment and retention strategy',
];
const PURPOSES = [
  'so that children are seen and helped without delay',
  'so that decisions are timely and recorded on the child’s file',
  'to reduce risk and repeat referrals',
  'so that families understand their plans',
  'to improve stability for children in care',
  'so that practice is consistently good or better',
  'so that partners share responsibility for outcomes',
  'to give members and the board assurance on progress',
];
const OUTCOMES = [
  'At least 90% of assessments completed within 45 working days.',
  'Audit shows 75% of cases graded good or better.',
  'Re-referrals within 12 months remain below 20%.',
  'Agency use falls below 15% of social work posts.',
  'All children in care have an up-to-date care plan reviewed on time.',
  'Care leavers in education, employment or training rise to 60%.',
  'Return home interviews offered within 72 hours in 95% of episodes.',
  'Children and families say they were listened to.',
  'Strategy meetings attended by health, education and police in 90% of cases.',
  'Placement moves of three or more in a year fall below 8%.',
];
const STATUS = ['On track.', 'Completed.', 'In place.', 'Planned.', 'Some progress.', 'Delayed.'];
const PROGRESS_SENTENCES = [
  'Weekly tracking is in place and reported to the service leadership team.',
  'Currently 83% in timescale [December data], up from 76% in the previous period.',
  'Training delivered to all frontline teams, with further sessions booked for new starters.',
  'Meetings with partners continue to agree the shared process and data set.',
  'Audit findings were reported to the Improvement Board and actions agreed with team managers.',
  'Two vacancies in the team have affected timeliness; interim cover is now in place.',
  'The revised procedure was approved by the safeguarding partnership executive.',
  'Feedback from young people has been used to redesign the leaflet and the online offer.',
  'Performance is reviewed monthly at the performance clinic chaired by the Assistant Director.',
  'The completion date has been deferred to allow consultation with schools.',
  'Dip sampling of 20 cases found clear plans in most, with recording of the child’s voice still variable.',
  'A task and finish group met three times and its recommendations go to the board next month.',
  'Data quality issues in the case recording system have been resolved following the upgrade.',
  'Managers are tracking every child individually to make sure plans progress.',
  'The commissioning process is complete and the new service starts next quarter.',
  'Further work is needed to achieve consistency across all localities.',
];
const DUE_TEXTS = [
  'September 2026',
  'Quarterly (review March 2026)',
  'Ongoing',
  'From July 2025',
  'Jan-26',
  '31/03/2026',
  'March 2026',
  'Sept 25',
  'May 2025 to March 2026',
  'In place',
  'Annual',
  'October 31st 2025',
  'Oct 2025 Quarterly',
  'July 2026',
];
const LEADS = [
  'A Okafor AD',
  'P Lindqvist DCS',
  'Service Lead M Haworth',
  'Service Lead R Achebe',
  'Service Lead F Dunmore',
  'Principal Social Worker K Farrow',
  'Virtual School Head T Brennan',
  'Performance and Intelligence Team',
  'Head of HR and Workforce L Pemberton',
  'Designated Nurse S Quayle',
  'Team Manager J Oyelaran',
  'All Service Leads',
  'Head of Quality Assurance B Castellano',
  'Commissioning Manager E Varga',
];
const EXPLANATIONS = [
  'Delayed by vacancies in the team.',
  'Partner agreement not yet in place.',
  'Data not available for the period.',
  'Procurement took longer than planned.',
  'Performance below target this period.',
];
const FIXES = [
  'Interim cover agreed; reviewed weekly by the Service Lead.',
  'Escalated to the partnership executive.',
  'New deadline agreed with the board.',
  'Additional capacity from the quality assurance team.',
  'Recovery plan in place and monitored monthly.',
];

function sentence(rng: Rng): string {
  return `${rng.pick(VERBS)} ${rng.pick(SUBJECTS)} ${rng.pick(PURPOSES)}.`;
}

/** Progress text of 200-800 characters, opening with a status phrase, sometimes several paragraphs. */
function progressText(rng: Rng): string {
  const target = rng.int(200, 800);
  const multi = rng.chance(0.4);
  let text = rng.pick(STATUS);
  for (;;) {
    const next = rng.pick(PROGRESS_SENTENCES);
    const sep = multi && rng.chance(0.5) ? '\n' : ' ';
    if (text.length + sep.length + next.length > 800) break;
    text += sep + next;
    if (text.length >= target) break;
  }
  while (text.length < 200) text += ' ' + rng.pick(PROGRESS_SENTENCES).slice(0, 800 - text.length - 1);
  return text;
}

/** "RAG initial", then "RAG 01/25", "RAG 03/25", ... every two months from January 2025. */
function periodLabels(count: number): { label: string; startDate: string; endDate: string }[] {
  const out: { label: string; startDate: string; endDate: string }[] = [];
  for (let i = 0; i < count; i++) {
    // Period i covers two months ending in month (i * 2 - 1) counted from January 2025 (i = 0: Nov-Dec 2024).
    const endIndex = 2024 * 12 + 11 + i * 2; // months since year 0; i = 0 -> December 2024
    const startIndex = endIndex - 1;
    const ey = Math.floor(endIndex / 12);
    const em = (endIndex % 12) + 1;
    const sy = Math.floor(startIndex / 12);
    const sm = (startIndex % 12) + 1;
    const lastDay = new Date(Date.UTC(ey, em, 0)).getUTCDate();
    const pad = (x: number): string => String(x).padStart(2, '0');
    const labelIndex = endIndex + 1; // labelled by the month after the period, as the report goes then
    const ly = Math.floor(labelIndex / 12);
    const lm = (labelIndex % 12) + 1;
    out.push({
      label: i === 0 ? 'RAG initial' : `RAG ${pad(lm)}/${pad(ly % 100)}`,
      startDate: `${sy}-${pad(sm)}-01`,
      endDate: `${ey}-${pad(em)}-${pad(lastDay)}`,
    });
  }
  return out;
}

/** A deterministic large plan draft for the benchmark (see the module comment for the defaults). */
export function largePlanDraft(opts: LargePlanOptions = {}): PlanDraft {
  const o = { ...LARGE_PLAN_DEFAULTS, ...opts };
  for (const [k, v] of Object.entries(o)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`largePlanDraft: ${k} must be a whole number of 0 or more`);
  }
  if (o.sections < 1 && o.actions > 0) throw new RangeError('largePlanDraft: actions need at least one section');
  const rng = new Rng(o.seed);
  const scale = SCALE_PRESETS['five-level'].levels.map((l) => ({ ...l }));
  const periods = periodLabels(o.periods);
  const recommendations = Array.from({ length: 8 }, (_, i) => ({
    number: i + 1,
    label: `Ofsted ${i + 1}`,
    text: `${rng.pick(VERBS)} ${rng.pick(SUBJECTS)} ${rng.pick(PURPOSES)}.`,
  }));

  // Actions: spread evenly across sections; objectives shared by runs of 1-4 actions.
  const actions: ActionDraft[] = [];
  const sectionOf: number[] = [];
  for (let i = 0; i < o.actions; i++) sectionOf.push(Math.floor((i * o.sections) / Math.max(o.actions, 1)));
  let objectiveText = '';
  let objectiveLeft = 0;
  let objectiveNo = 0;
  let prevSection = -1;
  for (let i = 0; i < o.actions; i++) {
    const s = sectionOf[i] as number;
    if (s !== prevSection || objectiveLeft === 0) {
      objectiveNo = s !== prevSection ? 1 : objectiveNo + 1;
      objectiveText = `Outcome ${s + 1}.${objectiveNo}: ${sentence(rng)}`;
      objectiveLeft = rng.int(1, 4);
      prevSection = s;
    }
    objectiveLeft--;

    const leadCount = rng.int(1, 3);
    const leads = Array.from({ length: leadCount }, (_, k) => ({
      name: rng.pick(LEADS),
      role: k === 0 ? ('lead' as const) : ('responsible' as const),
    }));

    // A random walk over the five levels through the periods (all rated).
    let level = rng.int(1, 3);
    const ratings: NonNullable<ActionDraft['ratings']> = periods.map((p) => {
      const step = rng.int(-1, 1);
      level = Math.min(5, Math.max(1, level + (rng.chance(0.55) ? Math.max(step, 0) : step)));
      const needs = level <= 2;
      const explained = needs && rng.chance(0.9);
      return {
        period: p.label,
        level: String(level),
        explanation: explained ? rng.pick(EXPLANATIONS) : '',
        correctiveAction: explained ? rng.pick(FIXES) : '',
        ratedBy: leads[0]?.name ?? '',
      };
    });

    actions.push({
      objective: objectiveText,
      description: rng.chance(0.3) ? `${sentence(rng)}\n${sentence(rng)}` : sentence(rng),
      outcome: rng.chance(0.3) ? `${rng.pick(OUTCOMES)}\n${rng.pick(OUTCOMES)}` : rng.pick(OUTCOMES),
      dueText: rng.pick(DUE_TEXTS),
      notes: rng.chance(0.05) ? 'Internal: check figures with the performance team before publishing.' : '',
      leads,
      recommendations: rng.chance(0.1) ? [rng.pick(recommendations).label] : [],
      ratings,
      progress: [],
    });
  }

  // Progress updates: round r gives action i an update in period (i + 3r) mod periods.
  if (o.periods > 0 && o.actions > 0) {
    for (let k = 0; k < o.progress; k++) {
      const i = k % o.actions;
      const r = Math.floor(k / o.actions);
      const period = periods[(i + 3 * r) % o.periods] as { label: string };
      const a = actions[i] as ActionDraft;
      (a.progress ??= []).push({
        period: period.label,
        body: progressText(rng),
        author: a.leads?.[0]?.name ?? '',
        internal: rng.chance(0.02),
      });
    }
  }

  const sections: SectionDraft[] = Array.from({ length: o.sections }, (_, s) => ({
    number: String(s + 1),
    title:
      s < PRIORITIES.length ? (PRIORITIES[s] as string) : `${PRIORITIES[s % PRIORITIES.length] as string} (${s + 1})`,
    description: '',
    actions: [],
  }));
  actions.forEach((a, i) => {
    const s = sections[sectionOf[i] as number] as SectionDraft;
    (s.actions ??= []).push(a);
  });

  return {
    title: 'Children’s Services Development Plan (benchmark)',
    organisation: 'Northmoor Borough Council',
    service: 'Children’s Services',
    planPeriod: '2025-27',
    template: 'development',
    introduction: 'A large generated plan used to measure performance. The council and its contents are fictional.',
    governance: 'Overseen by the Children’s Services Improvement Board; reported monthly.',
    recommendationsHeading: 'Ofsted recommendations',
    scale,
    periods,
    ...(periods.length > 0 ? { currentPeriod: periods.at(-1)?.label } : {}),
    ...(periods.length > 1 ? { comparePeriod: periods.at(-2)?.label } : {}),
    recommendations,
    sections,
  };
}

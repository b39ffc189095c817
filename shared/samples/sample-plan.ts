/**
 * The built-in sample plan ("Try the sample plan"): a FICTIONAL council's children's services continuous
 * improvement plan, modelled on the shape and tone of the real 2020 continuous development plan. The
 * council, people and figures are invented; leads are invented names with role titles.
 *
 * It is built to exercise every view: six themes and thirty actions; the four-level colour key; four
 * inspection recommendations, one (Ofsted 4) deliberately answered by no action; three reporting periods,
 * "November 2025" (rated, compare), "January 2026" (rated, current) and "March 2026" (future, unrated), so
 * direction of travel shows improved, no change, declined, new and not rated; red and amber ratings with
 * explanations and corrective actions, and one red (4.5 in January 2026) without;
 * due texts in the forms authors type; a joint lead; internal notes; introduction and governance text.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import type { ActionDraft, PlanDraft, SectionDraft } from '../draft';
import { SCALE_PRESETS } from '../ratings';
import { SAMPLE_INDICATORS } from './sample-indicators';

const NOV = 'November 2025';
const JAN = 'January 2026';
const MAR = 'March 2026';

/** Level keys of the four-level colour key (SCALE_PRESETS['four-level-colour']). */
type Key = 'R' | 'A' | 'G' | 'B';

/** A rating in one period; `why`/`fix` are the explanation and corrective action (red and amber). */
interface R {
  level: Key;
  why?: string;
  fix?: string;
  by?: string;
}

interface A {
  objective: string;
  description: string;
  outcome: string;
  due: string;
  leads: string[];
  recs?: string[];
  nov?: R;
  jan?: R;
  novProgress?: string;
  janProgress?: string;
  notes?: string;
  internalNote?: string;
}

function ratingsOf(a: A, author: string): NonNullable<ActionDraft['ratings']> {
  const out: NonNullable<ActionDraft['ratings']> = [];
  for (const [period, r] of [
    [NOV, a.nov],
    [JAN, a.jan],
  ] as const) {
    if (r)
      out.push({
        period,
        level: r.level,
        explanation: r.why ?? '',
        correctiveAction: r.fix ?? '',
        ratedBy: r.by ?? author,
      });
  }
  return out;
}

function action(a: A): ActionDraft {
  const author = a.leads[0] ?? '';
  const progress: NonNullable<ActionDraft['progress']> = [];
  if (a.novProgress) progress.push({ period: NOV, body: a.novProgress, author });
  if (a.janProgress) progress.push({ period: JAN, body: a.janProgress, author });
  if (a.internalNote) progress.push({ period: JAN, body: a.internalNote, author, internal: true });
  return {
    objective: a.objective,
    description: a.description,
    outcome: a.outcome,
    dueText: a.due,
    notes: a.notes ?? '',
    leads: a.leads.map((name) => ({ name, role: 'lead' as const })),
    recommendations: a.recs ?? [],
    ratings: ratingsOf(a, author),
    progress,
  };
}

function section(number: string, title: string, description: string, actions: A[]): SectionDraft {
  return {
    number,
    title,
    description,
    actions: actions.map((a, i) => ({ reference: `${number}.${i + 1}`, ...action(a) })),
    indicators: SAMPLE_INDICATORS[number] ?? [],
  };
}

// Invented people (names and role titles).
const AD = 'A Okafor AD';
const DCS = 'P Lindqvist DCS';
const SL_HAWORTH = 'Service Lead M Haworth';
const SL_ACHEBE = 'Service Lead R Achebe';
const SL_DUNMORE = 'Service Lead F Dunmore';
const PSW = 'Principal Social Worker K Farrow';
const VSH = 'Virtual School Head T Brennan';
const DATA = 'Performance and Intelligence Team';
const HR = 'Head of HR and Workforce L Pemberton';
const AD_ADULTS = 'D Whitcombe AD Adult Social Care';
const NURSE = 'Designated Nurse for Children in Care S Quayle';

const leadership = section(
  '1',
  'Leadership, Governance and Culture',
  'Senior leaders set a clear direction for practice and know the quality of work with children.',
  [
    {
      objective:
        'Leaders share a clear vision for social work in Northmoor that gives all staff a common purpose and shared values.',
      description:
        'Use the monthly practice leadership forum to review what is working well for children and families and where practice needs to improve.\nPublish a short practice vision statement co-written with staff and young people.',
      outcome:
        'Staff understand the vision, feel supported by senior leaders and can describe how it shapes their work with children.',
      due: 'From July 2025',
      leads: [AD],
      nov: { level: 'G' },
      jan: { level: 'G' },
      novProgress:
        'On track.\nPractice leadership forum meeting monthly since July 2025; attendance averaging 85% of managers.',
      janProgress:
        'On track.\nPractice vision statement launched at the December staff conference and published on the intranet. Young people from the Children in Care Council presented their section of the statement.\nStaff survey (December 2025): 78% agree they understand the vision, up from 61% in June 2025.',
    },
    {
      objective: 'Senior leaders have an accurate, shared understanding of the quality of practice.',
      description:
        'Introduce a quarterly practice week in which senior leaders observe practice, audit cases alongside social workers and feed back findings to teams.',
      outcome: 'Leaders know their services well; learning from practice weeks is acted on and shows in audit grades.',
      due: 'Quarterly (review March 2026)',
      leads: [DCS],
      nov: {
        level: 'A',
        why: 'The first practice week was postponed from October because of the Ofsted focused visit.',
        fix: 'Practice week rescheduled for early December 2025 with a fixed programme.',
      },
      jan: { level: 'G' },
      novProgress: 'Some progress.\nPractice week programme agreed; first week postponed to December 2025.',
      janProgress:
        'On track.\nFirst practice week held 1-5 December 2025: 46 case audits completed by senior leaders with practitioners. Findings reported to the Improvement Board in January.\nSecond practice week booked for March 2026.',
    },
    {
      objective: 'Political and corporate leaders champion children’s services and hold the service to account.',
      description:
        'Provide a briefing and development programme for elected members on their corporate parenting and scrutiny roles.',
      outcome: 'Members ask informed, challenging questions at committee and understand the plan’s priorities.',
      due: 'October 2025',
      leads: [DCS],
      nov: { level: 'B' },
      jan: { level: 'B' },
      novProgress:
        'Completed.\nFour member briefings delivered between July and October 2025; 38 of 51 councillors attended at least one.',
      janProgress:
        'Completed.\nBriefing materials now part of the member induction programme. Remains in the plan for monitoring.',
    },
    {
      objective: 'The improvement plan is owned across the council and its progress is reported openly.',
      description:
        'Report progress against this plan monthly to the Improvement Board and every two months to the Children’s Services Overview and Scrutiny Committee.',
      outcome: 'Members and partners receive timely, accurate reports and can see the direction of travel.',
      due: 'Ongoing',
      leads: [AD, DATA],
      nov: {
        level: 'A',
        why: 'The November report went to committee late because performance data was not available in time.',
        fix: 'Reporting timetable aligned with the data refresh; data extract now taken on the fifth working day.',
      },
      jan: {
        level: 'A',
        why: 'Updates for several actions arrived after the deadline, so the board pack was tabled on the night.',
        fix: 'Update deadline moved to ten working days before the board, with reminders from the performance team.',
      },
      novProgress:
        'Some progress.\nMonthly reporting to the Improvement Board in place. Committee report for November submitted late.',
      janProgress:
        'Some progress.\nBoard reports issued monthly since September 2025. The January pack was tabled because updates were late.\nNew timetable agreed for March 2026.',
      internalNote: 'Asked F Dunmore and R Achebe for their March updates early. Do not publish.',
    },
  ],
);

const practice = section(
  '2',
  'Practice Model and Quality Assurance',
  'A consistent, relationship-based model of practice, with quality assurance that shows what difference it makes.',
  [
    {
      objective: 'All practitioners use the Northmoor relationship-based practice model consistently.',
      description:
        'Deliver the practice model training programme to all social workers, team managers and family support workers, with follow-up coaching in teams.',
      outcome: 'Assessments and plans are written to children, capture their voice and lead to purposeful work.',
      due: 'September 2026',
      leads: [PSW],
      nov: {
        level: 'R',
        why: 'Training provider contract not in place, so no sessions delivered.',
        fix: 'Contract awarded in November 2025; first cohort starts January 2026.',
      },
      jan: {
        level: 'A',
        why: 'Two of eight cohorts trained so far; coaching in teams not yet started.',
        fix: 'Coaching sessions timetabled for every team from February 2026.',
      },
      novProgress: 'Planned.\nProcurement of the training provider delayed; contract awarded 20 November 2025.',
      janProgress:
        'Some progress.\nCohorts 1 and 2 trained in January 2026 (54 staff). Feedback positive: 92% rated the training good or better.\nTeam coaching to begin in February 2026.',
    },
    {
      objective: 'Case audits are moderated and their learning is used to improve practice.',
      description:
        'Run the monthly audit programme with moderation of 10% of audits by the quality assurance team; publish a learning summary each quarter.',
      outcome: 'Audit grades are reliable, and at least 75% of audited cases are graded good or better.',
      due: 'Quarterly (review March 2026)',
      leads: [SL_DUNMORE],
      nov: {
        level: 'A',
        why: 'Moderation rate 4% against a target of 10%.',
        fix: 'Additional moderator from the quality assurance team from December 2025.',
      },
      jan: {
        level: 'A',
        why: 'Moderation now 8%; 68% of audits graded good or better against a target of 75%.',
        fix: 'Focused audit of assessments in duty and assessment teams in February 2026.',
      },
      novProgress: 'Some progress.\nMonthly audits completed in all teams. Moderation below target.',
      janProgress:
        'Some progress.\nModeration increased to 8% of audits. Currently 68% of audits graded good or better [December data].\nFirst quarterly learning summary published.',
    },
    {
      objective: 'Supervision is regular, reflective and recorded on the child’s file.',
      description: 'Refresh the supervision policy and templates; monitor frequency of supervision monthly.',
      outcome:
        'Every practitioner receives supervision at least monthly and decisions are recorded on the child’s file.',
      due: 'Jan-26',
      leads: [PSW, DATA],
      nov: { level: 'G' },
      jan: {
        level: 'A',
        why: 'Supervision within timescale fell to 81% in December because of vacancies in two teams.',
        fix: 'Temporary managers in post; frequency reviewed weekly by Service Leads until back above 90%.',
      },
      novProgress:
        'On track.\nPolicy refreshed and templates live on the case recording system. 91% of supervision within timescale [October data].',
      janProgress:
        'Some progress.\nSupervision within timescale dropped to 81% [December data] due to two team manager vacancies.\nInterim managers started in January 2026.',
    },
    {
      objective: 'Children’s plans are SMART and reviewed on time.',
      description:
        'Introduce a plan quality checklist for child in need and child protection plans, used by team managers at sign-off.',
      outcome: 'Plans are specific and understood by families; reviews happen on time.',
      due: '31/03/2026',
      leads: [SL_HAWORTH],
      jan: { level: 'G' },
      janProgress:
        'On track.\nChecklist introduced in December 2025 after consultation with team managers. Early audit shows clearer plans in 7 of 10 sampled cases.',
    },
    {
      objective: 'Families’ feedback informs the development of services.',
      description:
        'Collect feedback from families at the close of every assessment and plan, and report themes to the practice leadership forum.',
      outcome: 'Families say they were listened to; changes made as a result are published as “You said, we did”.',
      due: 'Ongoing',
      leads: [SL_DUNMORE],
      nov: {
        level: 'A',
        why: 'Response rate low (9%).',
        fix: 'Text message survey to replace the paper form from December 2025.',
      },
      jan: { level: 'G' },
      novProgress: 'Some progress.\nFeedback form in use; response rate 9%.',
      janProgress:
        'On track.\nText message survey launched 1 December 2025. Response rate now 27%.\nFirst “You said, we did” bulletin published in January 2026.',
    },
  ],
);

const frontDoor = section(
  '3',
  'Front Door and Early Help',
  'Children and families get the right help at the right time, with thresholds applied consistently.',
  [
    {
      objective: 'Contacts and referrals to the Multi-Agency Safeguarding Hub (MASH) are screened within 24 hours.',
      description: 'Review MASH staffing and the screening process; track timeliness daily.',
      outcome: 'Decisions on contacts are made within 24 hours, so children at risk are seen quickly.',
      due: '31/10/2025',
      leads: [SL_HAWORTH],
      nov: {
        level: 'A',
        why: '84% of contacts screened within 24 hours against a target of 95%.',
        fix: 'Two additional screening social workers agreed; daily tracking by the MASH manager.',
      },
      jan: {
        level: 'R',
        why: 'Timeliness fell to 72% in December after a 30% rise in contacts over the autumn.',
        fix: 'Temporary agency staff in MASH from January 2026; partners asked to use the consultation line before referring.',
      },
      novProgress:
        'Some progress.\nScreening process reviewed. Currently 84% of contacts screened within 24 hours [October data].',
      janProgress:
        'Delayed.\nContacts rose by 30% between September and December 2025. Timeliness fell to 72% within 24 hours [December data].\nAgency staff started 6 January 2026. Daily tracking continues.',
    },
    {
      objective: 'Thresholds are understood and applied consistently by all partners.',
      description: 'Relaunch the multi-agency threshold guidance with training for schools, health and police.',
      outcome:
        'The proportion of contacts that lead to no further action falls, and re-referrals within 12 months stay below 20%.',
      due: 'June 2026',
      leads: [SL_HAWORTH],
      nov: { level: 'G' },
      jan: { level: 'G' },
      novProgress:
        'On track.\nThreshold guidance relaunched at the safeguarding partnership conference in October 2025.',
      janProgress:
        'On track.\nTraining delivered to 160 partner staff. Re-referrals within 12 months 17% [December data].',
    },
    {
      objective: 'Children at risk of significant harm are protected by timely, well-attended strategy meetings.',
      description:
        'Monitor attendance of health, education and police at strategy meetings, and escalate non-attendance through the partnership.',
      outcome: 'Strategy meetings are informed by all partners and agree clear immediate steps to reduce risk.',
      due: 'Quarterly (review March 2026)',
      leads: [SL_HAWORTH, SL_ACHEBE],
      recs: ['Ofsted 3'],
      nov: {
        level: 'R',
        why: 'Education attended 40% of strategy meetings.',
        fix: 'Schools designated safeguarding leads briefed; virtual attendance offered.',
      },
      jan: {
        level: 'R',
        why: 'Education attendance improved only to 52%; health attendance steady at 90%.',
        fix: 'Escalated to the safeguarding partnership executive in January 2026; attendance now reported monthly to the executive.',
      },
      novProgress: 'Delayed.\nAttendance reporting in place. Education attendance low.',
      janProgress:
        'Delayed.\nEducation attendance 52%, health 90%, police 97% [December data].\nEscalation to the partnership executive agreed.',
    },
    {
      objective: 'Early help reaches more families before needs escalate.',
      description:
        'Embed the family hubs model in all four localities, with a single front door for early help requests.',
      outcome: 'More families receive early help, and step-down from social care to early help is timely.',
      due: 'From July 2025',
      leads: [SL_DUNMORE],
      nov: { level: 'A', why: 'Two of four family hubs open.', fix: 'Remaining hubs to open by January 2026.' },
      jan: { level: 'G' },
      novProgress: 'Some progress.\nFamily hubs open in Eastgate and Marsh End.',
      janProgress:
        'On track.\nAll four family hubs open since 12 January 2026.\nEarly help assessments up 18% on the same period last year.',
    },
    {
      objective: 'Young carers are identified and supported.',
      description: 'Complete the young carers needs assessment and agree the young carers offer with schools.',
      outcome: 'Young carers are known to services and have support that meets their needs.',
      due: 'Oct 2025 Quarterly',
      leads: [SL_DUNMORE],
      nov: { level: 'G' },
      jan: { level: 'B' },
      novProgress: 'On track.\nNeeds assessment completed; offer drafted with schools.',
      janProgress:
        'Completed.\nYoung carers offer launched with 42 schools signed up. Remains in the plan for monitoring.',
    },
    {
      objective: 'Private fostering arrangements are identified and assessed.',
      description: 'Run an awareness campaign on private fostering with schools, GPs and faith groups.',
      outcome: 'More private fostering arrangements are notified and assessed within timescale.',
      due: 'May 2026',
      leads: [SL_HAWORTH],
      notes: 'Campaign materials with communications team for sign-off.',
      janProgress: 'Planned.\nCampaign to start in April 2026 alongside the schools newsletter.',
    },
  ],
);

const care = section(
  '4',
  'Children in Care and Care Leavers',
  'Children in care live in stable homes close to their communities, and care leavers are well prepared for adulthood.',
  [
    {
      objective:
        'Disabled young people and care leavers have clear transition plans agreed with adult services from their 16th birthday.\nTransition planning starts at 14 for disabled children with an Education, Health and Care Plan.',
      description:
        'Set up a joint transitions panel with adult social care reviewing every young person from 16; agree a shared transitions protocol.',
      outcome: 'Young people and families know what support they will receive from adult services before they turn 18.',
      due: 'September 2026',
      leads: [AD, AD_ADULTS],
      recs: ['Ofsted 1'],
      nov: {
        level: 'A',
        why: 'Protocol not yet signed off by adult social care.',
        fix: 'Joint workshop of both management teams booked for December 2025.',
      },
      jan: {
        level: 'A',
        why: 'Protocol agreed but panel has reviewed 31 of 58 young people aged 16-17.',
        fix: 'Panel frequency increased to fortnightly until all are reviewed.',
      },
      novProgress: 'Some progress.\nTransitions panel meeting monthly since September 2025. Protocol in draft.',
      janProgress:
        'Some progress.\nTransitions protocol signed off by both directors in December 2025.\nPanel has reviewed 31 of 58 young people aged 16-17. Meetings now fortnightly.',
    },
    {
      objective: 'All children have a timely initial health assessment when they come into care.',
      description:
        'Weekly tracking of initial health assessments with the designated nurse; escalate delays through the health partnership.',
      outcome: 'Children’s health needs are identified and addressed without delay.',
      due: 'Quarterly (review March 2026)',
      leads: [NURSE, SL_ACHEBE],
      recs: ['Ofsted 2'],
      nov: {
        level: 'R',
        why: 'Only 48% of initial health assessments completed within 20 working days.',
        fix: 'Paediatric clinic capacity increased from November 2025.',
      },
      jan: {
        level: 'A',
        why: '71% within timescale; notifications from social care still late in some cases.',
        fix: 'Consent and notification now completed at the placement planning meeting.',
      },
      novProgress: 'Delayed.\nCurrently 48% of initial health assessments within 20 working days [October data].',
      janProgress:
        'Some progress.\nCurrently 71% within timescale [December data], up from 48% in October.\nWeekly tracking meeting with the designated nurse in place.',
    },
    {
      objective: 'There are enough local homes to meet the needs of children in care.',
      description:
        'Refresh the sufficiency strategy and the foster carer recruitment plan, with targets for local placements.',
      outcome: 'More children live within 20 miles of home; net gain in foster carers each year.',
      due: 'March 2026',
      leads: [SL_ACHEBE],
      nov: { level: 'G' },
      jan: { level: 'G' },
      novProgress: 'On track.\nSufficiency strategy refreshed and agreed by Cabinet in October 2025.',
      janProgress:
        'On track.\nSix new fostering households approved since April 2025 (net gain of two).\nRecruitment campaign relaunched in January 2026.',
    },
    {
      objective: 'Children in care achieve well in education.',
      description: 'Ensure every child in care has a high-quality Personal Education Plan reviewed each term.',
      outcome: 'PEPs are completed on time and improve attendance and attainment.',
      due: 'Termly',
      leads: [VSH],
      nov: { level: 'G' },
      jan: { level: 'B' },
      novProgress: 'On track.\n94% of PEPs completed in the summer term.',
      janProgress:
        'Completed.\n98% of PEPs completed in the autumn term, 86% rated good quality by the Virtual School.',
    },
    {
      objective: 'Care leavers live in safe, suitable accommodation.',
      description: 'Develop a supported lodgings scheme and a joint housing protocol for care leavers.',
      outcome:
        'No care leaver is placed in bed and breakfast accommodation; more care leavers are in suitable accommodation.',
      due: 'Feb 26',
      leads: [SL_ACHEBE],
      nov: {
        level: 'A',
        why: 'Housing protocol awaiting sign-off by the housing service.',
        fix: 'Raised with the Director of Housing.',
      },
      jan: { level: 'R' },
      novProgress: 'Some progress.\nSupported lodgings scheme designed; protocol with housing in draft.',
      janProgress:
        'Delayed.\nTwo care leavers placed in bed and breakfast in December 2025.\nHousing protocol still not signed.',
    },
    {
      objective: 'Children in care understand their history and identity.',
      description: 'Life story work is completed for every child with a plan for permanence.',
      outcome: 'Children can say why they are in care and have life story materials suited to their age.',
      due: 'July 2026',
      leads: [PSW],
      jan: {
        level: 'A',
        why: 'Life story work started for 40% of children with a permanence plan.',
        fix: 'Life story practitioner post recruited; training for foster carers in March 2026.',
      },
      janProgress:
        'Some progress.\nLife story materials updated, including a format for older children.\n40% of children with a permanence plan have life story work under way.',
    },
  ],
);

const partnerships = section(
  '5',
  'Partnerships and Exploitation',
  'Partners work together to protect children from exploitation and to find children who go missing.',
  [
    {
      objective:
        'Children who go missing from home, school or care are found and helped, and their return home interviews inform safety plans.',
      description:
        'Recommission the return home interview service with a 72-hour standard; share findings with the police missing persons team.',
      outcome:
        'More children take up a return home interview within 72 hours and their safety plans reduce repeat missing episodes.',
      due: 'Jan-26',
      leads: [SL_ACHEBE],
      recs: ['Ofsted 3'],
      nov: {
        level: 'A',
        why: 'Take-up of return home interviews 58%.',
        fix: 'New provider in place from December 2025.',
      },
      jan: { level: 'G' },
      novProgress: 'Some progress.\nReturn home interview service recommissioned; new provider from December 2025.',
      janProgress:
        'On track.\nTake-up rose to 74% in December 2025, 81% within 72 hours.\nRepeat missing episodes fell by 12% on the previous quarter.',
    },
    {
      objective: 'Children at risk of criminal and sexual exploitation are identified early and risk is reduced.',
      description:
        'Align the missing and exploitation panels into one weekly risk meeting with police, health and education.\nTrain all staff in the contextual safeguarding risk assessment tool.',
      outcome: 'Children at risk of exploitation have a risk reduction plan agreed by partners, and risk is reduced.',
      due: 'July 2026',
      leads: [SL_ACHEBE, 'Detective Inspector, Northmoor Police'],
      recs: ['Ofsted 3'],
      nov: {
        level: 'A',
        why: 'Joint meeting agreed, training 30% complete.',
        fix: 'Additional training dates added for January and February 2026.',
      },
      jan: {
        level: 'A',
        why: 'Training 62% complete.',
        fix: 'Training mandatory for all frontline staff by March 2026.',
      },
      novProgress: 'Some progress.\nWeekly risk meeting started in October 2025.',
      janProgress:
        'Some progress.\nTraining 62% complete. Weekly meeting well attended by police and health; education attendance improving.',
    },
    {
      objective: 'The safeguarding partnership provides effective scrutiny of multi-agency practice.',
      description:
        'Deliver a multi-agency audit programme with a quarterly learning report to the partnership executive.',
      outcome: 'Partners challenge each other, and audit learning leads to changes in frontline practice.',
      due: 'Quarterly (review March 2026)',
      leads: [DCS],
      nov: { level: 'G' },
      jan: {
        level: 'A',
        why: 'The December audit was cancelled because health auditors were unavailable.',
        fix: 'Audit rescheduled for February 2026; dates for 2026 agreed in advance.',
      },
      novProgress: 'On track.\nFirst multi-agency audit (neglect) completed in September 2025.',
      janProgress: 'Some progress.\nDecember audit on domestic abuse cancelled and rescheduled for February 2026.',
    },
    {
      objective: 'Children and young people are safe online.',
      description: 'Deliver online safety sessions for parents and carers through schools and family hubs.',
      outcome: 'Parents and carers feel more confident keeping their children safe online.',
      due: 'In place',
      leads: [SL_DUNMORE],
      nov: { level: 'B' },
      jan: { level: 'B' },
      novProgress: 'Completed.\nSessions delivered in all secondary schools in the summer term.',
      janProgress: 'Completed.\nSessions now part of the family hubs timetable.',
    },
    {
      objective: 'Children affected by domestic abuse receive timely support.',
      description: 'Introduce daily domestic abuse triage with police and the independent domestic violence advisers.',
      outcome: 'Notifications are triaged within one working day and children get support quickly.',
      due: 'April 2026',
      leads: [SL_HAWORTH],
      nov: { level: 'G' },
      novProgress: 'On track.\nDaily triage piloted in the Eastgate locality.',
      janProgress: 'Update not received for this period.',
    },
  ],
);

const workforce = section('6', 'Workforce', 'A stable, skilled workforce with manageable caseloads.', [
  {
    objective: 'Northmoor recruits and keeps skilled social workers.',
    description:
      'Deliver the recruitment and retention strategy, including a market supplement for hard-to-fill posts and a return-to-practice scheme.',
    outcome: 'Agency use falls below 15% of social work posts and staff turnover below 15% a year.',
    due: 'March 2026',
    leads: [HR],
    nov: {
      level: 'R',
      why: 'Agency use 24% of social work posts.',
      fix: 'Market supplement approved by the Employment Committee in November 2025.',
    },
    jan: {
      level: 'A',
      why: 'Agency use 19%.',
      fix: 'International recruitment cohort of eight starting in April 2026.',
    },
    novProgress: 'Delayed.\nAgency use 24% [October data]. Market supplement approved.',
    janProgress:
      'Some progress.\nAgency use 19% [December data]; 11 permanent social workers appointed since October 2025.',
  },
  {
    objective: 'Caseloads are manageable so that social workers have time for direct work.',
    description:
      'Monitor caseloads weekly by team and rebalance work where averages exceed 18 children per social worker.',
    outcome: 'Average caseload of 18 or fewer in every team.',
    due: 'Ongoing',
    leads: [AD, DATA],
    nov: {
      level: 'A',
      why: 'Two teams average above 22 children.',
      fix: 'Work redistributed; additional social worker in each team.',
    },
    jan: {
      level: 'A',
      why: 'One team (Westfield) averages 21 children.',
      fix: 'Two new starters joining Westfield team in February 2026.',
    },
    novProgress: 'Some progress.\nWeekly caseload report in place.',
    janProgress: 'Some progress.\nAll but one team average 18 or fewer [December data].',
  },
  {
    objective: 'Newly qualified social workers are well supported.',
    description:
      'Run the Assessed and Supported Year in Employment (ASYE) academy with protected caseloads and a practice educator for each cohort.',
    outcome: 'All ASYE social workers complete their year and stay with Northmoor.',
    due: 'September 2026',
    leads: [PSW],
    nov: { level: 'G' },
    jan: { level: 'G' },
    novProgress: 'On track.\nSeptember 2025 cohort of 12 started with protected caseloads.',
    janProgress: 'On track.\nAll 12 ASYE social workers passed their mid-point review.',
  },
  {
    objective: 'Managers have the skills to lead good practice.',
    description: 'Deliver a leadership development programme for team managers and advanced practitioners.',
    outcome: 'Managers say they feel equipped to lead; audit shows stronger management oversight on children’s files.',
    due: '30/06/2026',
    leads: [HR, PSW],
    nov: {
      level: 'A',
      why: 'Programme start delayed by procurement.',
      fix: 'Provider appointed; first module January 2026.',
    },
    jan: { level: 'G' },
    novProgress: 'Planned.\nProvider appointed in November 2025.',
    janProgress: 'On track.\nFirst module delivered to 22 managers in January 2026. Evaluation 4.6 out of 5.',
  },
]);

/** The sample plan, ready for `plans:createFromDraft`. */
export const samplePlanDraft: PlanDraft = {
  title: 'Children’s Services Continuous Improvement Plan 2025-27',
  organisation: 'Northmoor Borough Council',
  service: 'Children’s Services',
  planPeriod: '2025-27',
  template: 'continuous',
  appendixNumber: 1,
  introduction:
    'This plan sets out how Northmoor Borough Council and its partners will build on the findings of the Ofsted inspection of local authority children’s services (ILACS) in June 2025, which judged services to “Require improvement to be good”.\nIt brings together the four recommendations of the inspection with the areas where we want to move from good to outstanding. Each action is rated every two months against the key below, and the direction of travel shows the change since the previous report.\nThis is a fictional sample plan provided with Planwright; the council, people and figures are invented.',
  governance:
    'The plan is overseen by the Children’s Services Improvement Board, chaired by the Chief Executive, which receives a progress report every month. Progress is reported to the Children’s Services Overview and Scrutiny Committee every two months, and to Cabinet twice a year.\nLeads update their actions before each reporting point; ratings are agreed at the Directorate Management Team.',
  recommendationsHeading: 'Summary of Ofsted recommendations from the inspection of June 2025',
  scale: SCALE_PRESETS['four-level-colour'].levels.map((l) => ({ ...l })),
  periods: [
    { label: NOV, startDate: '2025-10-01', endDate: '2025-11-30', locked: true },
    { label: JAN, startDate: '2025-12-01', endDate: '2026-01-31' },
    { label: MAR, startDate: '2026-02-01', endDate: '2026-03-31' },
  ],
  currentPeriod: JAN,
  comparePeriod: NOV,
  recommendations: [
    {
      number: 1,
      label: 'Ofsted 1',
      text: 'Transition planning with adult services should start earlier for disabled young people and care leavers.',
    },
    {
      number: 2,
      label: 'Ofsted 2',
      text: 'The timeliness of initial health assessments when children come into care.',
    },
    {
      number: 3,
      label: 'Ofsted 3',
      text: 'The response to children missing from home and care and children at risk of exploitation, including the take-up and use of return home interviews.',
    },
    {
      number: 4,
      label: 'Ofsted 4',
      text: 'The quality of management oversight of work with children who are subject to pre-proceedings under the Public Law Outline.',
    },
  ],
  sections: [leadership, practice, frontDoor, care, partnerships, workforce],
};

/** Facts about the sample the tests and the UI may rely on. */
export const SAMPLE_FACTS = {
  sections: 6,
  actions: 30,
  periods: [NOV, JAN, MAR],
  currentPeriod: JAN,
  comparePeriod: NOV,
  /** No action answers this recommendation (so the "unanswered" view has something). */
  unansweredRecommendation: 'Ofsted 4',
  /** Rated red in the current period with no explanation or corrective action. */
  redWithoutExplanation: '4.5',
  /** The one action overdue on 31 January 2026 (due 31/10/2025, rated red). */
  overdueAt20260131: '3.1',
  /** Joint lead (children's and adults' assistant directors). */
  jointLead: '4.1',
  /** Performance indicators in every section (15 in all), monthly values July 2025 to January 2026. */
  indicators: 15,
} as const;

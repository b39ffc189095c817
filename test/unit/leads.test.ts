import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  leadMatches,
  leadsOfCell,
  ledBy,
  namesInLeadCell,
  personNamed,
  sameName,
  unmatchedNamesInLeadCell,
  withAlias,
} from '../../shared/leads';
import { updatesByLead } from '../../shared/dashboard';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';

describe('leadMatches (one rule for lead cells)', () => {
  it('matches a role-prefixed cell to the person', () => {
    expect(leadMatches('Service Lead F Dunmore', { name: 'F Dunmore' })).toBe(true);
    expect(leadMatches('Service lead R Murdock', { name: 'R Murdock' })).toBe(true);
    expect(leadMatches('DCS + Service Lead R Murdock', { name: 'Rob Murdock' })).toBe(true);
  });
  it('fits initials to full first names both ways, ignoring case and dots', () => {
    expect(leadMatches('Service lead J Simon', { name: 'Janet Simon' })).toBe(true);
    expect(leadMatches('All Service Leads Janet Simon with overall lead', { name: 'J Simon' })).toBe(true);
    expect(leadMatches('f. dunmore', { name: 'F Dunmore' })).toBe(true);
    expect(leadMatches('Service Lead F Dunmore', { name: 'Fiona Dunmore' })).toBe(true);
  });
  it('finds several people in one cell', () => {
    const cell = 'DCS + AD, S Murphy J Tynan';
    expect(leadMatches(cell, { name: 'S Murphy' })).toBe(true);
    expect(leadMatches(cell, { name: 'J Tynan' })).toBe(true);
    expect(leadMatches(cell, { name: 'R Murdock' })).toBe(false);
  });
  it('does not confuse people who share a surname', () => {
    expect(leadMatches('Mandy Moore Data team', { name: 'C Moore' })).toBe(false);
    expect(leadMatches('Service lead C Moore\nMandy Moore Data team', { name: 'C Moore' })).toBe(true);
    expect(leadMatches('Service Lead J Simon', { name: 'Paul Simon' })).toBe(false);
  });
  it('uses aliases, which may be roles', () => {
    const murphy = { name: 'S Murphy', aliases: ['DCS'] };
    expect(leadMatches('DCS', murphy)).toBe(true);
    expect(leadMatches('S Murphy DCS', murphy)).toBe(true);
    expect(leadMatches('DCSX', murphy)).toBe(false);
    expect(leadMatches('J Tynan AD', { name: 'James Tynan', aliases: ['AD'] })).toBe(true);
  });
  it('never matches empty text or empty names', () => {
    expect(leadMatches('', { name: 'F Dunmore' })).toBe(false);
    expect(leadMatches('Service Lead F Dunmore', { name: '' })).toBe(false);
  });
});

describe('namesInLeadCell', () => {
  it('reads the names in real lead cells', () => {
    expect(namesInLeadCell('Service Lead F Dunmore')).toEqual(['F Dunmore']);
    expect(namesInLeadCell('DCS + AD, S Murphy J Tynan')).toEqual(['S Murphy', 'J Tynan']);
    expect(namesInLeadCell('J Tynan Assistant Director Childrens Les Billingham Assistant Director Adults')).toEqual([
      'J Tynan',
      'Les Billingham',
    ]);
    expect(namesInLeadCell('All Service Leads Janet Simon with overall lead')).toEqual(['Janet Simon']);
    expect(namesInLeadCell('Virtual Head Keeley Pullen Inspire')).toEqual(['Keeley Pullen']);
    expect(namesInLeadCell('Service lead C Moore\nMandy Moore Data team')).toEqual(['C Moore', 'Mandy Moore']);
  });
  it('finds no names in roles and teams', () => {
    expect(namesInLeadCell('DCS')).toEqual([]);
    expect(namesInLeadCell('All Service Leads')).toEqual([]);
    expect(namesInLeadCell('Service Leads and SMs and team managers')).toEqual([]);
    expect(namesInLeadCell('Director HR')).toEqual([]);
  });
  it('lists the names no one in the directory matches', () => {
    expect(unmatchedNamesInLeadCell('DCS + AD, S Murphy J Tynan', [{ name: 'Sarah Murphy' }])).toEqual(['J Tynan']);
  });
});

describe('leadsOfCell (who one cell stands for: people, names, or a team or body)', () => {
  const sarah = { name: 'Sarah Murphy', aliases: [] };
  it('gives the directory people, then the names nobody there has', () => {
    expect(leadsOfCell('DCS + AD, S Murphy J Tynan', [sarah])).toEqual({
      people: [sarah],
      names: ['J Tynan'],
      body: null,
    });
    expect(leadsOfCell('Service Lead R Murdock', [])).toEqual({ people: [], names: ['R Murdock'], body: null });
  });
  it('a cell naming no one stands for itself', () => {
    for (const cell of [
      'Performance and Intelligence Team',
      'Detective Inspector, Northmoor Police',
      'All Service Leads',
    ])
      expect(leadsOfCell(`  ${cell} `, [sarah])).toEqual({ people: [], names: [], body: cell });
    expect(leadsOfCell('   ', [])).toEqual({ people: [], names: [], body: null });
    // Unless People gives it to someone (an alias such as "DCS").
    const dcs = { name: 'Pat Lindqvist', aliases: ['DCS'] };
    expect(leadsOfCell('DCS', [dcs])).toEqual({ people: [dcs], names: [], body: null });
  });
  it('a team is found by lead like a person, cached or not', () => {
    const team = { name: 'Performance and Intelligence Team' };
    const cache = new Map<string, boolean>();
    for (const c of [undefined, cache, cache]) {
      expect(ledBy([{ name: 'Performance and Intelligence Team' }], team, null, c)).toBe(true);
      expect(ledBy([{ name: 'Data team' }], team, null, c)).toBe(false);
    }
    expect([...cache.keys()]).toEqual(['Performance and Intelligence Team', 'Data team']);
  });
});

describe('people with aliases (the directory and "link this name to a person")', () => {
  const frances = { id: 'p1', name: 'Frances Hale', aliases: ['F Dunmore', 'Head of Early Help'] };
  const people = [frances, { id: 'p2', name: 'Rob Murdock', aliases: [] }];
  it('an alias makes lead cells written with the other name match the person', () => {
    expect(leadMatches('Service Lead F Dunmore', frances)).toBe(true);
    expect(leadMatches('Service Lead F. Dunmore', frances)).toBe(true);
    expect(leadMatches('Head of Early Help', frances)).toBe(true);
    expect(leadMatches('Service Lead F Hale', frances)).toBe(true);
    expect(leadMatches('Service Lead G Dunmore', frances)).toBe(false);
    expect(leadMatches('Head of Early Years', frances)).toBe(false);
  });
  it('finds the directory person for any of their names, written any way', () => {
    expect(personNamed('f. dunmore', people)).toBe(frances);
    expect(personNamed('FRANCES  HALE', people)).toBe(frances);
    expect(personNamed('Jo Bloggs', people)).toEqual({ name: 'Jo Bloggs', aliases: [] });
    expect(sameName('F. Dunmore', 'f dunmore')).toBe(true);
    expect(sameName('F Dunmore', 'F Dunmore-Hale')).toBe(false);
  });
  it('a linked name is no longer unmatched', () => {
    expect(unmatchedNamesInLeadCell('Service Lead F Dunmore', people)).toEqual([]);
    expect(unmatchedNamesInLeadCell('Service Lead F Dunmore', [{ name: 'Frances Hale' }])).toEqual(['F Dunmore']);
  });
  it('adds an alias once, never the person’s own name', () => {
    expect(withAlias(frances, 'f. dunmore')).toEqual(frances.aliases);
    expect(withAlias(frances, 'Frances Hale')).toEqual(frances.aliases);
    expect(withAlias({ name: 'Frances Hale' }, ' F Dunmore ')).toEqual(['F Dunmore']);
    expect(withAlias({ name: 'Frances Hale' }, '  ')).toEqual([]);
  });
});

describe('real lead cells (the 2020 fixture and the sample plan)', () => {
  const fixture = JSON.parse(
    fs.readFileSync('/work/shared/fixtures/continuous-development-plan-2020.json', 'utf8'),
  ) as { sections: { items: { lead: string | null }[] }[] };
  const fixtureCells = new Set(fixture.sections.flatMap((s) => s.items.map((i) => i.lead ?? '')).filter(Boolean));
  /** Every lead cell of the fixture and the sample, with the people it names. */
  const expected: Record<string, string[]> = {
    'J Tynan AD': ['J Tynan'],
    'S Murphy DCS': ['S Murphy'],
    'Service Leads and SMs and team managers': [],
    'AD Data info team Service Leads': [],
    'Mandy Moore Data team': ['Mandy Moore'],
    'J Tynan Assistant Director Childrens Les Billingham Assistant Director Adults': ['J Tynan', 'Les Billingham'],
    'Service Lead C Moore J Tynan AD': ['C Moore', 'J Tynan'],
    'Service lead C Moore\nMandy Moore Data team': ['C Moore', 'Mandy Moore'],
    'Service Lead Diana Millwood': ['Diana Millwood'],
    'Service Leads': [],
    'Service Lead R Murdock': ['R Murdock'],
    'Service lead R Murdock': ['R Murdock'],
    'All Service Leads Janet Simon with overall lead': ['Janet Simon'],
    'All Service Leads': [],
    'Service Lead J Simon': ['J Simon'],
    'Service lead J Simon': ['J Simon'],
    'DCS + AD, S Murphy J Tynan': ['S Murphy', 'J Tynan'],
    'DCS + Service Lead R Murdock': ['R Murdock'],
    DCS: [],
    'Director HR': [],
    'Service Lead J Simon CLA Nurse': ['J Simon'],
    'Virtual Head Keeley Pullen Inspire': ['Keeley Pullen'],
    'CLA nurse Service Lead J Simon': ['J Simon'],
    'Service Lead S Bright': ['S Bright'],
  };
  const sampleCells = new Set(
    (samplePlanDraft.sections ?? []).flatMap((s) =>
      (s.actions ?? []).flatMap((a) => (a.leads ?? []).map((l) => (typeof l === 'string' ? l : l.name))),
    ),
  );
  const sampleExpected: Record<string, string[]> = {
    'A Okafor AD': ['A Okafor'],
    'P Lindqvist DCS': ['P Lindqvist'],
    'Performance and Intelligence Team': [],
    'Principal Social Worker K Farrow': ['K Farrow'],
    'Service Lead F Dunmore': ['F Dunmore'],
    'Service Lead M Haworth': ['M Haworth'],
    'Service Lead R Achebe': ['R Achebe'],
    'D Whitcombe AD Adult Social Care': ['D Whitcombe'],
    'Designated Nurse for Children in Care S Quayle': ['S Quayle'],
    'Virtual School Head T Brennan': ['T Brennan'],
    'Detective Inspector, Northmoor Police': [],
    'Head of HR and Workforce L Pemberton': ['L Pemberton'],
  };
  it('reads every lead cell of the 2020 fixture', () => {
    expect([...fixtureCells].sort()).toEqual(Object.keys(expected).sort());
    for (const cell of fixtureCells) expect(namesInLeadCell(cell), cell).toEqual(expected[cell]);
  });
  it('reads every lead cell of the sample plan', () => {
    expect([...sampleCells].sort()).toEqual(Object.keys(sampleExpected).sort());
    for (const cell of sampleCells) expect(namesInLeadCell(cell), cell).toEqual(sampleExpected[cell]);
  });
  it('a comma before an organisation or a job title never splits a person', () => {
    const police = 'Detective Inspector, Northmoor Police';
    expect(namesInLeadCell(police)).toEqual([]);
    expect(leadMatches(police, police)).toBe(true);
    expect(leadMatches(police, { name: 'R Achebe' })).toBe(false);
    expect(namesInLeadCell('Jane Smith, Northmoor Police')).toEqual(['Jane Smith']);
    expect(namesInLeadCell('DI Jane Smith, Northmoor Police')).toEqual(['Jane Smith']);
    expect(namesInLeadCell('Jane Smith, Detective Inspector')).toEqual(['Jane Smith']);
    expect(namesInLeadCell('Northmoor Borough Council')).toEqual([]);
    expect(namesInLeadCell('Named Nurse, Eastfield NHS Foundation Trust')).toEqual([]);
    expect(leadMatches('Jane Smith, Northmoor Police', { name: 'J Smith' })).toBe(true);
  });
  it('the Overview lists the police lead once, under the cell’s own text', () => {
    const tree = treeFromDraft(samplePlanDraft);
    const rows = updatesByLead(tree, tree.plan.currentPeriodId);
    const names = rows.map((r) => r.name);
    expect(names).toContain('Detective Inspector, Northmoor Police');
    expect(names).not.toContain('Detective Inspector');
    expect(names).not.toContain('Northmoor Police');
  });
});

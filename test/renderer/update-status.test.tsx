// @vitest-environment jsdom
/** Issue 10: on a lead's copy, each update says what the owner made of it, in words (never colour alone). */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeadUpdateStatus } from '../../shared/contract-sync';
import { UpdateStatusLine } from '../../renderer/src/sync/UpdateStatus';

afterEach(cleanup);

const base = {
  rowId: '00000000-0000-4000-8000-000000000010',
  actionId: '00000000-0000-4000-8000-000000000011',
  periodId: '00000000-0000-4000-8000-000000000012',
  by: null,
  at: null,
  reason: null,
} as const;

function shown(status: LeadUpdateStatus): string {
  render(
    <ul>
      <UpdateStatusLine status={status} />
    </ul>,
  );
  const text = screen.getByRole('listitem').textContent ?? '';
  cleanup();
  return text.replace(/\s+/g, ' ').trim();
}

describe('what the owner made of a lead’s update', () => {
  it('accepted (by whom, on which date), waiting, or held back with the reason', () => {
    expect(
      shown({ ...base, entity: 'progress', state: 'accepted', by: 'A Okafor', at: '2026-12-02T10:15:00.000Z' }),
    ).toBe('Progress update: ✓ Accepted by A Okafor on 2 December 2026');
    expect(shown({ ...base, entity: 'rating', state: 'waiting' })).toBe('Rating: … Waiting for the owner');
    expect(
      shown({
        ...base,
        entity: 'progress',
        state: 'held',
        reason: 'The period "January 2026" is locked, so F Dunmore\'s change to action 5.4 was held back.',
      }),
    ).toBe(
      'Progress update: ! Held back: The period "January 2026" is locked, so F Dunmore\'s change to action 5.4 was held back.',
    );
  });
});

import { MembersMemory } from './members-memory';
import type { PartnershipMembers } from './membership';

const members = (leadOrganisationId: string): PartnershipMembers => ({
  coordinators: ['u-koordinator'],
  leadOrganisationId,
  partners: [],
});

describe('the memory of partnerships members', () => {
  let now = 0;
  const memory = () => new MembersMemory(() => now, 30_000);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('recalls what a read remembered, until it is forgotten or too old', () => {
    const memo = memory();
    memo.remember('p1', members('org-a'), memo.begin());
    memo.remember('p2', members('org-b'), memo.begin());
    expect(memo.recall('p1')).toEqual(members('org-a'));

    memo.forget('p1');
    expect(memo.recall('p1')).toBeUndefined();
    expect(memo.recall('p2')).toEqual(members('org-b'));
    now += 30_000;
    expect(memo.recall('p2')).toBeUndefined();
  });

  it('does not remember a read that was under way when anything was forgotten', () => {
    const memo = memory();
    const read = memo.begin();
    // The lifecycle event arrives while the workflow is being asked: its answer may predate the event.
    memo.forget('p1');
    memo.remember('p1', members('org-old-lead'), read);
    expect(memo.recall('p1')).toBeUndefined();

    const afterwards = memo.begin();
    memo.remember('p1', members('org-new-lead'), afterwards);
    expect(memo.recall('p1')).toEqual(members('org-new-lead'));
  });

  it('counts the age of what it remembers from when the read began', () => {
    const memo = memory();
    const read = memo.begin();
    now += 29_000;
    memo.remember('p1', members('org-a'), read);
    now += 1_000;
    expect(memo.recall('p1')).toBeUndefined();
  });

  it('forgets everything at once (NATS lost, events may have been missed)', () => {
    const memo = memory();
    memo.remember('p1', members('org-a'), memo.begin());
    const read = memo.begin();
    memo.forgetAll();
    memo.remember('p2', members('org-b'), read);
    expect([memo.recall('p1'), memo.recall('p2')]).toEqual([undefined, undefined]);
  });
});

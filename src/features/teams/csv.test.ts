// The dashboard's CSV: one line per member and roadmap, and no cell a spreadsheet would run.
import { describe, expect, it } from 'vitest';
import { progressCsv } from './progress.ts';

describe('team progress as CSV', () => {
  it('quotes commas and quotes, and defuses cells that a spreadsheet would run as a formula', () => {
    const csv = progressCsv({
      team: { slug: 't', name: 'T' },
      assignments: [{ roadmap: 'backend', dueDate: null }],
      members: [
        {
          id: '1',
          name: '=HYPERLINK("http://evil.example","x")@example.org',
          role: 'member',
          lastActivityAt: null,
          roadmaps: { backend: { percent: 50, done: 3, onPath: 6, overdue: false } },
        },
        {
          id: '2',
          name: 'a,b@example.org',
          role: 'coach',
          lastActivityAt: '2026-12-01T10:00:00.000Z',
          roadmaps: { backend: { percent: 0, done: 0, onPath: 6, overdue: false } },
        },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      'member,role,roadmap,percent,done,on path,due,overdue,last activity',
      `"'=HYPERLINK(""http://evil.example"",""x"")@example.org",member,backend,50,3,6,,no,`,
      '"a,b@example.org",coach,backend,0,0,6,,no,2026-12-01T10:00:00.000Z',
      '',
    ]);
  });
});

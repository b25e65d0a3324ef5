import { describe, expect, it } from 'vitest';
import { departmentClock, departmentTimeZone, DEFAULT_TIME_ZONE } from '../../src/core/policy/department-clock.ts';

// Two policy versions as a department writes them: the second moves the desk to a London
// bureau's clock, effective on New Year's Day.
const beijing = { effective: '2026-01-01', timezone: 'Asia/Shanghai', title: '内容运营部考核制度（2026 版）' };
const london = {
  effective: '2027-01-01',
  timezone: 'Europe/London',
  title: '內容營運部考核制度（2027 版，倫敦編輯部）',
};

describe('the department clock', () => {
  it('reads today in the zone of the policy in force', () => {
    const clock = departmentClock([beijing, london], Date.parse('2026-06-30T17:30:00Z'));
    expect(clock).toEqual({ timeZone: 'Asia/Shanghai', today: '2026-07-01', policy: beijing });
  });

  it('moves to a new zone at midnight in the new zone, not in the old one', () => {
    // 00:30 on New Year's Day in Beijing is 16:30 on 31 December in London: 2026's rules still hold.
    const beforeLondonMidnight = departmentClock([beijing, london], Date.parse('2026-12-31T16:30:00Z'));
    expect(beforeLondonMidnight.policy?.title).toBe('内容运营部考核制度（2026 版）');
    const afterLondonMidnight = departmentClock([beijing, london], Date.parse('2027-01-01T00:30:00Z'));
    expect(afterLondonMidnight).toEqual({ timeZone: 'Europe/London', today: '2027-01-01', policy: london });
  });

  it('falls back to the default zone before the first version and for a zone Intl does not know', () => {
    expect(departmentClock([london], Date.parse('2026-03-01T00:00:00Z'))).toEqual({
      timeZone: DEFAULT_TIME_ZONE,
      today: '2026-03-01',
      policy: undefined,
    });
    expect(departmentTimeZone({ timezone: 'Asia/北京' })).toBe(DEFAULT_TIME_ZONE);
    expect(departmentTimeZone({ timezone: 'Asia/Taipei' })).toBe('Asia/Taipei');
    expect(departmentTimeZone(undefined)).toBe(DEFAULT_TIME_ZONE);
  });
});

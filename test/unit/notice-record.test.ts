/** Notice records read back from the notices branch: checked, and a broken one named with what is wrong. */
import { describe, expect, it } from 'vitest';
import { baselineRecord, parseNoticeRecord } from '../../src/core/notices/record.ts';
import { UserError } from '../../src/core/errors.ts';

const HEAD = 'a'.repeat(40);
const FILE = '0001-2026-11-23-aaaaaaaaaaaa-baseline.json';

describe('parseNoticeRecord', () => {
  it('reads back a record as it was written', () => {
    const record = baselineRecord(HEAD, '2026-11-23T10:00:00.000Z');
    expect(parseNoticeRecord(FILE, JSON.stringify(record, null, 2))).toEqual(record);
  });

  it('names the file and says it is not JSON', () => {
    expect(() => parseNoticeRecord(FILE, '{"key": ')).toThrow(
      new RegExp(`^The notice record ${FILE} on the notices branch is not valid JSON`),
    );
  });

  it('names the file and each field that is wrong', () => {
    const record = { ...baselineRecord(HEAD, '2026-11-23T10:00:00.000Z'), to: 'main', recipients: -1 };
    let error: unknown;
    try {
      parseNoticeRecord(FILE, JSON.stringify(record));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(
      `The notice record ${FILE} on the notices branch is not a notice record`,
    );
    expect((error as UserError).message).toContain('to: expected a full commit sha');
    expect((error as UserError).message).toContain('recipients: Too small');
  });
});

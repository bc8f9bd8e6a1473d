import { describe, expect, it } from 'vitest';
import { SentFieldValues } from './field-messages';

describe('SentFieldValues', () => {
  const fields = { date: 'Ngày không hợp lệ.', name: 'Tên đã có.' };

  it('shows the message while the field holds what was sent, and hides it once edited', () => {
    const sent = new SentFieldValues();
    expect(sent.message(fields, 1, 'date', '31/02/2026')).toBe('Ngày không hợp lệ.');
    expect(sent.message(fields, 1, 'date', '31/02/2026')).toBe('Ngày không hợp lệ.');
    expect(sent.message(fields, 1, 'date', '28/02/2026')).toBeUndefined();
    // Put back as it was, it is as wrong as before.
    expect(sent.message(fields, 1, 'date', '31/02/2026')).toBe('Ngày không hợp lệ.');
  });

  it('keeps each field apart: editing one leaves the other message', () => {
    const sent = new SentFieldValues();
    sent.message(fields, 1, 'date', 'a');
    sent.message(fields, 1, 'name', 'Chi bộ 1');
    expect(sent.message(fields, 1, 'date', 'b')).toBeUndefined();
    expect(sent.message(fields, 1, 'name', 'Chi bộ 1')).toBe('Tên đã có.');
  });

  it('takes a new snapshot at the next refusal, even with the same message', () => {
    const sent = new SentFieldValues();
    sent.message(fields, 1, 'date', 'a');
    expect(sent.message(fields, 1, 'date', 'b')).toBeUndefined();
    expect(sent.message(fields, 2, 'date', 'b')).toBe('Ngày không hợp lệ.');
  });

  it('compares chosen objects (a unit picked) by identity', () => {
    const sent = new SentFieldValues();
    const unit = { id: 4 };
    expect(sent.message({ parent_id: 'Không thể chuyển vào đây.' }, 1, 'parent_id', unit)).toBeDefined();
    expect(sent.message({ parent_id: 'Không thể chuyển vào đây.' }, 1, 'parent_id', { id: 5 })).toBeUndefined();
  });

  it('has nothing to say for a field the server did not name', () => {
    expect(new SentFieldValues().message(fields, 1, 'kind', 'x')).toBeUndefined();
  });
});

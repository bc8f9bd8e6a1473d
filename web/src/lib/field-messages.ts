import { useRef, useState } from 'preact/hooks';

// A field's message from the server describes what was sent. Once the person edits that field, the
// old message no longer describes it and must go, or a 65-year-old secretary who has just fixed the
// date still reads "Ngày không hợp lệ" under it. This remembers, per refusal, what each named field
// held when its message was first shown, and hides the message once the field holds something else.
export class SentFieldValues {
  private failures = -1;
  private values = new Map<string, unknown>();

  // `failures` counts refusals (useSubmit's counter): a new refusal starts a new snapshot.
  message(fields: Record<string, string>, failures: number, name: string, value: unknown): string | undefined {
    const message = fields[name];
    if (message === undefined) return undefined;
    if (failures !== this.failures) {
      this.failures = failures;
      this.values = new Map();
    }
    if (!this.values.has(name)) this.values.set(name, value);
    return Object.is(this.values.get(name), value) ? message : undefined;
  }
}

// The messages of a form's fields (its own checks or the server's), each shown until the person
// edits that field. For forms that do not run through the committee screens' useSubmit.
export function useFieldMessages() {
  const [state, setState] = useState<{ fields: Record<string, string>; shown: number }>({ fields: {}, shown: 0 });
  const sent = useRef(new SentFieldValues()).current;
  return {
    set: (fields: Record<string, string>) => setState((s) => ({ fields, shown: s.shown + 1 })),
    message: (name: string, value: unknown) => sent.message(state.fields, state.shown, name, value),
  };
}

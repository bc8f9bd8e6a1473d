// A labelled input with its hint and its error message tied to it (aria-describedby), so a
// screen reader reads the server's Vietnamese message when the field gets focus.
import type { Ref } from 'preact';
import { useId } from 'preact/hooks';

// The input attributes screens use; listed rather than spread from Preact's full set, whose
// per-`type` typings do not survive a generic spread.
interface InputProps {
  name?: string;
  type?: 'text' | 'password' | 'tel' | 'email' | 'date' | 'time' | 'number' | 'search';
  autocomplete?: string;
  autocapitalize?: 'none' | 'off' | 'on' | 'sentences' | 'words';
  inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'search' | 'decimal';
  spellcheck?: boolean;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  maxLength?: number;
}

interface Props extends InputProps {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

export function Field({ label, value, onValue, error, hint, inputRef, type = 'text', ...input }: Props) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={id}
        // Preact 11 types <input> props per `type` value; a union-typed value cannot pick one.
        type={type as 'text'}
        ref={inputRef}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

// The message above a form: the server's summary ("Mật khẩu mới chưa đủ an toàn.").
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div class="alert alert-error" role="alert">
      {message}
    </div>
  );
}

export function FormSuccess({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div class="alert alert-success" role="status">
      {message}
    </div>
  );
}

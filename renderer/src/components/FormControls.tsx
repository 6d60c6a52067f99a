import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'id' | 'className'> & {
  label: string;
  hint?: string | null;
  onChange: (value: string) => void;
};

/** A labelled text input; the other props go to the input. */
export function TextField({ label, hint, onChange, ...input }: TextFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" {...input} onChange={(event) => onChange(event.target.value)} />
      {hint ? <span className="field-hint">{hint}</span> : null}
    </div>
  );
}

interface CheckProps {
  checked: boolean;
  onChange: (on: boolean) => void;
  children?: ReactNode;
  role?: 'switch';
  disabled?: boolean;
  className?: string;
}

export function Check({ checked, onChange, children, role, disabled, className }: CheckProps) {
  return (
    <label className={className ? `switch ${className}` : 'switch'}>
      <input
        type="checkbox"
        role={role}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
      {children}
    </label>
  );
}

/** The one SMS switch of a follow, a quick follow and a bulk follow. */
export function SmsSwitch(props: Omit<CheckProps, 'role' | 'children'>) {
  return (
    <Check role="switch" {...props}>
      Also send their updates to my phone (SMS)
    </Check>
  );
}

interface ChoicesProps<T extends string> {
  options: readonly (readonly [T, ReactNode])[];
  value: T | null;
  onChange: (value: T) => void;
  /** The first radio, for a caller that moves focus to the group. */
  firstRef?: Ref<HTMLInputElement>;
}

/** One radio per option, as labels for the caller's fieldset. */
export function Choices<T extends string>({ options, value, onChange, firstRef }: ChoicesProps<T>) {
  const name = useId();
  return options.map(([option, label], index) => (
    <label key={option}>
      <input
        ref={index === 0 ? firstRef : undefined}
        type="radio"
        name={name}
        checked={value === option}
        onChange={() => onChange(option)}
      />
      {label}
    </label>
  ));
}

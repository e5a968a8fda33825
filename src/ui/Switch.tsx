import type { ComponentChildren } from 'preact';

interface SwitchProps {
  label: ComponentChildren;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  describedBy?: string;
  testId?: string;
}

/** An on/off switch: a checkbox with role="switch", labelled by its visible text. */
export function Switch({ label, checked, disabled, onChange, describedBy, testId }: SwitchProps) {
  return (
    <label class="switch">
      <span>{label}</span>
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        data-testid={testId}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    </label>
  );
}

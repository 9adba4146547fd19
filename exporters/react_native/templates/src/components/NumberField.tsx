import { useState } from "react";
import { TextInput } from "react-native";

import { theme } from "../theme";
import { Field, fieldStyles, type FieldProps } from "./Field";

export interface NumberFieldProps extends FieldProps<number | null> {
  placeholder?: string;
  decimals?: number;
}

function show(value: number | null, decimals: number): string {
  return value === null ? "" : decimals > 0 ? String(value) : String(Math.round(value));
}

/** A number input; what the user types stays as typed until it parses. */
export function NumberField({ label, value, onChange, error, helpText, readOnly, accessibilityLabel,
  style, placeholder, decimals = 0 }: NumberFieldProps) {
  const [draft, setDraft] = useState(show(value, decimals));
  // Follow outside changes of the value (not the user's own keystrokes): adjusted while
  // rendering, as React recommends for state derived from props, not in an effect.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    const parsed = Number(draft.replace(",", "."));
    if (value === null ? draft.trim() !== "" && !Number.isNaN(parsed) : parsed !== value) {
      setDraft(show(value, decimals));
    }
  }
  const change = (next: string): void => {
    setDraft(next);
    const trimmed = next.trim().replace(",", ".");
    const parsed = trimmed === "" ? null : Number(trimmed);
    if (parsed === null || Number.isFinite(parsed)) onChange(parsed);
  };
  return (
    <Field label={label} error={error} helpText={helpText} style={style}>
      <TextInput
        accessibilityLabel={accessibilityLabel || label}
        value={draft}
        onChangeText={change}
        editable={!readOnly}
        placeholder={placeholder}
        placeholderTextColor={theme.colors.muted}
        keyboardType={decimals > 0 ? "decimal-pad" : "number-pad"}
        inputMode={decimals > 0 ? "decimal" : "numeric"}
        style={[fieldStyles.input, error ? fieldStyles.invalid : null, readOnly && fieldStyles.readOnly]}
      />
    </Field>
  );
}

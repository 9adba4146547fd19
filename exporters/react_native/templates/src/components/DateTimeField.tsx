import { useState } from "react";
import { TextInput } from "react-native";

import { theme } from "../theme";
import { Field, fieldStyles, type FieldProps } from "./Field";

export interface DateTimeFieldProps extends FieldProps<string | null> {
  mode: "date" | "time";
}

const PATTERNS = { date: /^\d{4}-\d{2}-\d{2}$/, time: /^\d{2}:\d{2}$/ };
const HINTS = { date: "YYYY-MM-DD", time: "HH:MM" };

/** A date (ISO `YYYY-MM-DD`) or time (`HH:MM`) typed as text; complete values are stored. */
export function DateTimeField({ label, value, onChange, error, helpText, readOnly,
  accessibilityLabel, style, mode }: DateTimeFieldProps) {
  const [draft, setDraft] = useState(value ?? "");
  const change = (next: string): void => {
    setDraft(next);
    if (next === "") onChange(null);
    else if (PATTERNS[mode].test(next)) onChange(next);
  };
  return (
    <Field label={label} error={error} helpText={helpText ?? HINTS[mode]} style={style}>
      <TextInput
        accessibilityLabel={accessibilityLabel || label}
        value={draft}
        onChangeText={change}
        editable={!readOnly}
        placeholder={HINTS[mode]}
        placeholderTextColor={theme.colors.muted}
        keyboardType="numbers-and-punctuation"
        style={[fieldStyles.input, error ? fieldStyles.invalid : null, readOnly && fieldStyles.readOnly]}
      />
    </Field>
  );
}

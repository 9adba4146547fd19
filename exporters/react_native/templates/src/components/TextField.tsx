import { TextInput, type KeyboardTypeOptions } from "react-native";

import { theme } from "../theme";
import { Field, fieldStyles, type FieldProps } from "./Field";

export type TextInputType = "text" | "email" | "phone" | "multiline" | "password";

export interface TextFieldProps extends FieldProps<string> {
  inputType?: TextInputType;
  placeholder?: string;
}

const keyboards: Record<TextInputType, KeyboardTypeOptions> = {
  text: "default", email: "email-address", phone: "phone-pad", multiline: "default", password: "default",
};

export function TextField({ label, value, onChange, error, helpText, readOnly, accessibilityLabel,
  style, inputType = "text", placeholder }: TextFieldProps) {
  const multiline = inputType === "multiline";
  return (
    <Field label={label} error={error} helpText={helpText} style={style}>
      <TextInput
        accessibilityLabel={accessibilityLabel || label}
        value={value}
        onChangeText={onChange}
        editable={!readOnly}
        placeholder={placeholder}
        placeholderTextColor={theme.colors.muted}
        keyboardType={keyboards[inputType]}
        secureTextEntry={inputType === "password"}
        autoCapitalize={inputType === "email" ? "none" : "sentences"}
        multiline={multiline}
        numberOfLines={multiline ? 4 : 1}
        style={[fieldStyles.input, multiline && { minHeight: 96, textAlignVertical: "top" },
          error ? fieldStyles.invalid : null, readOnly && fieldStyles.readOnly]}
      />
    </Field>
  );
}

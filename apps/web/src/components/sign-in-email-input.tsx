import type { ChangeEvent } from "react";
import { TextInput } from "./text-input.tsx";

/** Why what was typed cannot be an email address to sign in with, or null when it can. */
export function signInEmailProblem(email: string): string | null {
  if (email.trim() === "") return "Enter your email address";
  if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return "Enter an email address in the correct format, like name@example.org";
  return null;
}

/** The address a person signs in with, marked as the username so the browser offers the saved one. */
export function SignInEmailInput({ value, onChange, error }: { value: string; onChange(event: ChangeEvent<HTMLInputElement>): void; error?: string }) {
  return (
    <TextInput
      id="email"
      name="email"
      label="Email address"
      type="email"
      autoComplete="username"
      spellCheck={false}
      autoCapitalize="none"
      inputMode="email"
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
